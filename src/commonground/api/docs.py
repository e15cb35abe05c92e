"""Readable API documentation, drawn from the OpenAPI document in the site's own style.

A server-rendered page rather than Swagger UI: it needs no third-party script, keeps
to the content security policy, and meets the same accessibility bar as every page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI

from commonground.core.errors import HTTP_STATUS

METHODS = ("get", "post", "put", "patch", "delete")


def _schema_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _type_of(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return _schema_name(schema["$ref"])
    if "anyOf" in schema:
        return " or ".join(_type_of(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_type_of(schema.get('items', {}))}"
    if "enum" in schema:
        return "one of " + ", ".join(repr(v) for v in schema["enum"])
    return str(schema.get("type", "object"))


def describe(openapi: dict[str, Any]) -> dict[str, Any]:
    """Flatten the OpenAPI document into endpoints and schemas a template can list."""
    endpoints = []
    for path, operations in openapi.get("paths", {}).items():
        for method in METHODS:
            op = operations.get(method)
            if not op:
                continue
            responses = []
            for status, response in op.get("responses", {}).items():
                content = response.get("content", {}).get("application/json", {})
                responses.append({"status": status,
                                  "type": _type_of(content.get("schema", {})) if content else "-"})
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            endpoints.append({
                "method": method.upper(),
                "path": path,
                "summary": op.get("summary", ""),
                "description": op.get("description", ""),
                "tag": (op.get("tags") or ["Other"])[0],
                "auth": bool(op.get("security")),
                "parameters": [
                    {"name": p["name"], "in": p["in"], "required": p.get("required", False),
                     "type": _type_of(p.get("schema", {}))}
                    for p in op.get("parameters", [])
                ],
                "body": _type_of(body.get("schema", {})) if body else "",
                "responses": responses,
            })
    schemas = []
    for name, schema in openapi.get("components", {}).get("schemas", {}).items():
        required = set(schema.get("required", []))
        schemas.append({
            "name": name,
            "properties": [
                {"name": prop, "type": _type_of(spec), "required": prop in required}
                for prop, spec in schema.get("properties", {}).items()
            ],
        })
    return {"endpoints": endpoints, "schemas": schemas}


def docs_view(api: NinjaAPI) -> Any:
    def view(request: HttpRequest) -> HttpResponse:
        openapi = api.get_openapi_schema()
        context = {"api": describe(openapi), "title": openapi["info"]["title"],
                   "version": openapi["info"]["version"],
                   "codes": ", ".join(f"{code} ({status})"
                                      for code, status in HTTP_STATUS.items())}
        return render(request, "api/docs.html", context)

    return view
