"""The whole site under a realistic mix of visitors at national scale (issue 14, performance).

    .venv/bin/python benchmarks/site_load.py [--database-url URL] [--seconds 600]
        [--prepare | --fresh] [--rate 20] [--saturation 60] [--no-write]
        [--reports 1000000] [--posts 100000] [--documents 20000]

**Data.** The demo (every council's areas, wards and LSOAs; the library; the forums; the
tensions demo), a council organisation for every council area, an officer at 40 of them,
then at national scale: ``--reports`` tension reports over five years in every council's
wards (older ones mostly closed), ``--posts`` forum posts in threads of 1 to 60 posts in
the regional forums (threads indexed for search by the forums' own ``index_thread``), and
``--documents`` published library resources of real sentences from the knowledge files
(indexed by the library's own ``index_resource``). Rows are bulk inserted.

Building that takes minutes, so it is built once per engine and scale and kept: SQLite
as ``var/bench/site-load-*.sqlite3``, copied for each run; PostgreSQL as a template
database (``<run database>_tpl_*``) from which each run's database is created. A run
reuses them when present (``--fresh`` rebuilds, ``--prepare`` only builds) and applies any
migration added since, so a new index is measured on the national data.

**Load.** Each page type has its own set of users (one ``wrk`` process each): every user
waits an exponentially distributed think time (capped at 60 s, under gunicorn's 75 s
keep-alive) before each request, so the requests arrive at a rate set by the number of
users, not as fast as the server answers. The rates (``RATES``, in requests a second,
scaled by ``--rate``) are the estimate of national peak traffic in docs/BENCHMARKS.md.
Latency per page type is then the latency that mix sees. After it, ``--saturation``
seconds of the same mix without think time (one wrk, 16 connections, closed loop) give
the capacity of the machine for that mix.

Nothing lost: the reports and posts in the database after the run are counted against
the 201 answers. Each gunicorn worker's resident memory is read every 5 s. CPU time is
counted for the gunicorn workers, for wrk (the load generator shares the 2 cores) and for
the whole machine (niced work of others apart). Figures go to docs/BENCHMARKS.md between
the engine's site-load markers.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import random
import re
import resource
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote_plus, urlsplit

from bench_docs import replace_section
from loadtest import REPO, production_env, serve

DATA_VERSION = 2  # raise when build() changes what it makes
OFFICER_COUNCILS = 40
PREPARED_DIR = REPO / "var" / "bench"

# Page type: (kind of visitor, mean think time in seconds, requests a second at peak).
# docs/BENCHMARKS.md ("The whole site under load") gives the reasoning for the rates.
RATES: dict[str, tuple[str, int, float]] = {
    "areas: index": ("anonymous", 15, 0.5),
    "areas: council profile": ("anonymous", 15, 2.5),
    "library: index": ("anonymous", 15, 0.5),
    "library: resource page": ("anonymous", 15, 1.0),
    "library: search": ("anonymous", 15, 1.5),
    "forums: group list and group": ("resident", 15, 0.7),
    "forums: thread": ("resident", 15, 0.8),
    "forums: search": ("resident", 15, 0.5),
    "tensions: dashboard": ("officer", 20, 2.0),
    "tensions: report list": ("officer", 20, 3.0),
    "tensions: report page": ("officer", 20, 4.0),
    "tensions: early warning (alerts)": ("officer", 20, 1.0),
    "tensions: partner dashboard": ("partner", 30, 1.0),
    "tensions: partner return": ("partner", 30, 0.7),
    "posting a report (public API)": ("resident", 60, 0.2),
    "posting to a forum (API)": ("resident", 60, 0.1),
}
POSTS_REPORT = "posting a report (public API)"
POSTS_FORUM = "posting to a forum (API)"

SEARCHES = ["english classes", "young people", "hate crime reporting", "tension monitoring",
            "community engagement", "volunteering", "faith leaders", "myth busting",
            "integration", "housing", "schools twinning", "ESOL", "rumours", "social mixing",
            "refugees", "far right", "sport", "funding", "neighbourhood policing", "women"]

LUA = r"""
local reqs = {REQS}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  math.randomseed(SEED)
  good = 0; created = 0; bad = 0
end
function request()
  local r = reqs[math.random(#reqs)]
  return wrk.format(r[1], r[2], r[3], r[4])
end
function response(status, hdrs, b)
  if status == 201 then created = created + 1 end
  if status < 400 then good = good + 1 else bad = bad + 1 end
end
function done(summary, latency, requests)
  local g, c, b = 0, 0, 0
  for _, t in ipairs(threads) do
    g = g + t:get("good"); c = c + t:get("created"); b = b + t:get("bad")
  end
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %d, "good": %d, "created": %d, "bad": %d, '
    .. '"p50": %d, "p95": %d, "p99": %d, "max": %d, "socket_errors": %d, '
    .. '"duration_us": %d}\n', summary.requests, g, c, b,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, summary.duration))
end
"""


def lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string of ASCII is a valid Lua string


def lua(requests: list[tuple[str, str, dict[str, str], str | None]], seed: int) -> str:
    """A wrk script asking for one of ``requests`` at random, as fast as answered."""
    rows = []
    for method, path, headers, body in requests:
        head = ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items())
        rows.append(f"{{{lua_string(method)}, {lua_string(path)}, {{{head}}}, "
                    f"{lua_string(body) if body is not None else 'nil'}}}")
    return (LUA.replace("{REQS}", "{" + ",\n".join(rows) + "}")
            .replace("SEED", str(seed)))


# ---------------------------------------------------------------- the national data

def sentences() -> list[str]:
    """Real sentences from the knowledge files: what library documents are made of."""
    import yaml

    found: list[str] = []
    for path in sorted((REPO / "data" / "knowledge").glob("*.yaml")):
        def walk(node: object) -> None:
            if isinstance(node, dict):
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)
            elif isinstance(node, str) and len(node) > 40:
                for s in re.split(r"(?<=[.!?])\s+", node.replace("\n", " ")):
                    if 30 <= len(s) <= 400 and s[0].isupper():
                        found.append(s.strip())
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return sorted(set(found))


def build(reports: int, posts: int, documents: int) -> None:  # noqa: PLR0915 - one recipe
    """The demo and the national-scale rows, into the configured (empty) database."""
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from commonground.accounts.models import Membership, Organisation, Role, User
    from commonground.forums.indexing import index_thread
    from commonground.forums.models import Group, GroupMembership, Post, Thread, Visibility
    from commonground.library.indexing import index_resource
    from commonground.library.models import Resource, ResourceKind, Status, Theme
    from commonground.places.models import Area
    from commonground.tensions.models import Report

    rng = random.Random(14)  # noqa: S311 - made-up benchmark data
    started = time.monotonic()

    def step(what: str) -> None:
        print(f"  {time.monotonic() - started:6.0f} s  {what}", flush=True)

    call_command("loaddemo", verbosity=0)
    step("demo loaded")
    have = set(Organisation.objects.filter(kind="council").values_list("area_code", flat=True))
    Organisation.objects.bulk_create(
        Organisation(name=a.name, slug=f"load-{a.code.lower()}", kind="council",
                     area_code=a.code)
        for a in Area.objects.filter(level="council").exclude(code__in=have))
    councils = {o.area_code: o for o in Organisation.objects.filter(kind="council")}
    unusable = make_password(None)
    officer_codes = sorted(rng.sample(sorted(councils), OFFICER_COUNCILS))
    officers = User.objects.bulk_create(
        User(email=f"officer-{code.lower()}@load.example", full_name=f"Officer {code}",
             password=unusable) for code in officer_codes)
    Membership.objects.bulk_create(
        Membership(user=u, organisation=councils[code], role=Role.OFFICER)
        for u, code in zip(officers, officer_codes, strict=True))

    # Reports: five years in every council's wards; created when they happened.
    wards = list(Area.objects.filter(level="ward").values_list("id", "council__code"))
    wards = [(w, c) for w, c in wards if c in councils]
    now = timezone.now()
    categories = ["hate_incident", "community_tension", "rumour", "protest", "online",
                  "extremism", "other"]
    weights = [30, 30, 15, 8, 10, 3, 4]
    texts = ["Shouting and abuse directed at a family outside the shops.",
             "Graffiti on the community centre wall overnight.",
             "Leaflets with false claims about new housing handed out at the station.",
             "A group gathered near the mosque and filmed people arriving for prayers.",
             "Posts in a local social media group naming a hotel housing asylum seekers.",
             "Argument between two groups of young people after the football match.",
             "Rumour that the school is closing its gates to local children.",
             "A planned march announced for Saturday through the town centre."]
    # Plain executemany (the model's defaults written out): bulk_create's per-object
    # work made a million rows take most of an hour on the shared cores.
    ops = connection.ops
    columns = ["reference", "council_id", "ward_id", "location_description", "category",
               "characteristics", "what_happened", "occurred_on", "who_affected",
               "root_cause", "reported_to_police", "source", "on_behalf_of", "status",
               "priority", "created_at", "updated_at", "version"]
    insert = (f"INSERT INTO {Report._meta.db_table} ({', '.join(columns)}) "  # noqa: S608 - fixed names
              f"VALUES ({', '.join(['%s'] * len(columns))})")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -400000")  # 400 MB: the indexes stay in memory
            cursor.execute("PRAGMA synchronous = OFF")
    made = 0
    while made < reports:
        rows = []
        for _ in range(min(20_000, reports - made)):
            ward_id, code = rng.choice(wards)
            made += 1
            age = rng.randint(0, 5 * 365)
            when = now - datetime.timedelta(days=age, minutes=rng.randint(0, 1439))
            status = ("closed" if age > 60 and rng.random() < 0.92 else
                      rng.choice(["new", "acknowledged", "assessed", "actioned", "closed"]))
            category = rng.choices(categories, weights)[0]
            text = rng.choice(texts)
            occurred = timezone.localdate(when) - datetime.timedelta(
                days=rng.choice([0, 0, 0, 1, 2]))
            stamp = ops.adapt_datetimefield_value(when)
            rows.append((f"LD{made:07d}", councils[code].pk, ward_id, "", category, "[]", text,
                         ops.adapt_datefield_value(occurred), "", "", "unknown", "public", "",
                         status, "normal", stamp, stamp, 0))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(insert, rows)
        if made % 200_000 == 0 or made == reports:
            step(f"{made:,} reports")

    # Forums: threads of 1 to 60 posts in the open (regional) groups, by 500 residents.
    words = sentences()
    residents = User.objects.bulk_create(
        User(email=f"resident-{n}@load.example", full_name=f"Resident {n}", password=unusable,
             date_joined=now - datetime.timedelta(days=400)) for n in range(500))
    groups = list(Group.objects.filter(visibility=Visibility.OPEN).order_by("pk"))
    GroupMembership.objects.bulk_create(
        [GroupMembership(group=g, user=u) for g in groups for u in residents],
        ignore_conflicts=True)
    made = 0
    threads_made: list[int] = []
    while made < posts:
        with transaction.atomic():
            thread_rows, post_rows = [], []
            while made < posts and len(post_rows) < 10_000:
                size = min(posts - made, max(1, int(rng.paretovariate(1.2))), 60)
                start = now - datetime.timedelta(days=rng.randint(0, 5 * 365))
                times = sorted(start + datetime.timedelta(hours=rng.randint(0, 24 * 20))
                               for _ in range(size))
                thread = Thread(group=rng.choice(groups), author=rng.choice(residents),
                                title=rng.choice(words)[:140].rstrip(".") + "?",
                                created_at=times[0], last_post_at=times[-1])
                thread_rows.append(thread)
                for k, when in enumerate(times):
                    post_rows.append((thread, Post(
                        author=rng.choice(residents), is_opening=k == 0, created_at=when,
                        body=" ".join(rng.sample(words, rng.randint(1, 4))))))
                made += size
            Thread.objects.bulk_create(thread_rows)
            for thread, post in post_rows:
                post.thread = thread
            Post.objects.bulk_create([p for _, p in post_rows], batch_size=2_000)
            for thread in thread_rows:
                index_thread(thread)
            threads_made += [t.pk for t in thread_rows]
        step(f"{made:,} forum posts in {len(threads_made):,} threads, indexed")

    # Library: published resources of three to twelve real sentences, indexed.
    themes = list(Theme.objects.all())
    kinds = [k for k, _ in ResourceKind.choices]
    publishers = ["Local Government Association", "Home Office", "Welsh Government",
                  "Belong Network", "British Future", "Cohesion Trust", "Citizens UK",
                  "Runnymede Trust", "Joseph Rowntree Foundation"]
    made = 0
    through = Resource.themes.through
    while made < documents:
        with transaction.atomic():
            batch = []
            for _ in range(min(2_000, documents - made)):
                made += 1
                title = rng.choice(words)[:120].rstrip(".")
                batch.append(Resource(
                    slug=f"{slugify(title)[:100]}-{made}", title=title,
                    summary=" ".join(rng.sample(words, rng.randint(3, 12))),
                    status=Status.PUBLISHED, kind=rng.choice(kinds),
                    publisher=rng.choice(publishers), year=rng.randint(2005, 2026),
                    published_at=now - datetime.timedelta(days=rng.randint(0, 3650))))
            batch = Resource.objects.bulk_create(batch)
            through.objects.bulk_create(
                through(resource_id=r.pk, theme_id=t.pk)
                for r in batch for t in rng.sample(themes, rng.randint(1, 3)))
            for r in Resource.objects.filter(pk__in=[r.pk for r in batch]).prefetch_related(
                    "themes"):
                index_resource(r)
        step(f"{made:,} library resources, indexed")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    step("analysed")


def psql(sql: str, database: str = "postgres") -> str:
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database,
                           "-tAqc", sql], check=True, capture_output=True, text=True).stdout


def prepared_tag(args: argparse.Namespace) -> str:
    return f"{args.reports}r_{args.posts}p_{args.documents}d_v{DATA_VERSION}"


def setup_django(database_url: str, var_dir: Path, *, debug: bool = False) -> None:
    os.environ["VAR_DIR"] = str(var_dir)
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["DEBUG"] = "true" if debug else "false"  # the demo loads only with DEBUG
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "commonground.settings"
    sys.path.insert(0, str(REPO / "src"))
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def database_for_run(args: argparse.Namespace, var_dir: Path) -> str:
    """The run's database, from the prepared copy (built first if missing or --fresh)."""
    tag = prepared_tag(args)
    if args.database_url:
        run_db = urlsplit(args.database_url).path.lstrip("/")
        template = f"{run_db}_tpl_{tag}"
        exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{template}'").strip()  # noqa: S608 - our own name
        if args.fresh or args.prepare or not exists:
            psql(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
            psql(f'CREATE DATABASE "{template}"')
            url = args.database_url.rsplit("/", 1)[0] + f"/{template}"
            build_in_subprocess(url, args)
        psql(f'DROP DATABASE IF EXISTS "{run_db}" WITH (FORCE)')
        copied = time.monotonic()
        # FILE_COPY, not PostgreSQL 15's default WAL_LOG: that writes the whole copy through
        # the WAL, and the checkpoints it forces then flush it during the measured minutes.
        psql(f'CREATE DATABASE "{run_db}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        psql("CHECKPOINT")
        print(f"run database copied from {template} in {time.monotonic() - copied:.0f} s",
              flush=True)
        return str(args.database_url)
    prepared = PREPARED_DIR / f"site-load-{tag}.sqlite3"
    if args.fresh or args.prepare or not prepared.exists():
        PREPARED_DIR.mkdir(parents=True, exist_ok=True)
        partial = prepared.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        build_in_subprocess(f"sqlite:///{partial}", args)
        partial.rename(prepared)
    copy = var_dir / "site-load.sqlite3"
    copied = time.monotonic()
    shutil.copyfile(prepared, copy)
    print(f"run database copied from {prepared} in {time.monotonic() - copied:.0f} s",
          flush=True)
    return f"sqlite:///{copy}"


def build_in_subprocess(url: str, args: argparse.Namespace) -> None:
    """Build in a process of its own, so this one's Django is set up for the run."""
    print(f"preparing {prepared_tag(args)} in {url} (once; later runs reuse it)", flush=True)
    started = time.monotonic()
    subprocess.run([sys.executable, __file__, "--build-into", url, "--reports",
                    str(args.reports), "--posts", str(args.posts), "--documents",
                    str(args.documents)], check=True)
    print(f"prepared in {time.monotonic() - started:.0f} s", flush=True)


# ---------------------------------------------------------------- who asks for what

def visitors() -> dict[str, list[tuple[str, str, dict[str, str], str | None]]]:
    """Each page type's requests: sessions, tokens, paths over the national data."""
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from commonground.accounts import services as account_services
    from commonground.accounts.models import Organisation, User
    from commonground.forums.models import Group, Thread, Visibility
    from commonground.library.models import Resource
    from commonground.places.models import Area
    from commonground.tensions.models import Report

    rng = random.Random(15)  # noqa: S311

    def cookie(user: User) -> dict[str, str]:
        client = Client()
        client.force_login(user)
        name = settings.SESSION_COOKIE_NAME
        return {"Cookie": f"{name}={client.cookies[name].value}"}

    officers = list(User.objects.filter(email__startswith="officer-",
                                        email__endswith="@load.example"))
    officers.append(User.objects.get(email="officer@trafford.example"))
    officer_cookies = [(cookie(u), u) for u in officers]
    partner = cookie(User.objects.get(email="partner@gmp.example"))
    residents = list(User.objects.filter(email__startswith="resident-",
                                         email__endswith="@load.example")[:50])
    resident_cookies = [cookie(u) for u in residents]
    tokens = [account_services.create_api_token(actor=u, name="load")[1]
              for u in residents[:20]]
    week = timezone.localdate().isoformat()
    councils = list(Area.objects.filter(level="council").values_list("code", flat=True))

    def officer_requests(paths_for: object) -> list[tuple[str, str, dict[str, str], None]]:
        out = []
        for head, user in officer_cookies:
            code = user.memberships.first().organisation.area_code  # type: ignore[attr-defined]
            for path in paths_for(code):  # type: ignore[operator]
                out.append(("GET", path, head, None))
        return out

    def report_pages(code: str) -> list[str]:
        refs = (Report.objects.filter(council__area_code=code).order_by("-created_at", "-id")
                .values_list("reference", flat=True))
        recent = list(refs[:40])  # officers mostly open what came in lately
        older = list(refs[200:2000:60])
        return [f"/tensions/reports/{r}/" for r in recent + older]

    def report_lists(code: str) -> list[str]:
        return ["/tensions/reports/", "/tensions/reports/", "/tensions/reports/?status=open",
                "/tensions/reports/?page=2", "/tensions/reports/?category=hate_incident",
                "/tensions/reports/?status=new"]

    resources = list(Resource.objects.filter(status="published").order_by("?")
                     .values_list("slug", flat=True)[:300])
    groups = list(Group.objects.filter(visibility=Visibility.OPEN).values_list("slug",
                                                                                flat=True))
    threads = list(Thread.objects.filter(group__visibility=Visibility.OPEN, is_hidden=False)
                   .order_by("?").values_list("pk", flat=True)[:300])
    wards = list(Area.objects.filter(level="ward", council__code__in=Organisation.objects
                                     .filter(kind="council").values("area_code"))
                 .values_list("council__code", "code")[:5000])

    def anon(paths: list[str]) -> list[tuple[str, str, dict[str, str], None]]:
        return [("GET", p, {}, None) for p in paths]

    def resident(paths: list[str]) -> list[tuple[str, str, dict[str, str], None]]:
        return [("GET", p, rng.choice(resident_cookies), None) for p in paths for _ in (0, 1)]

    reports_posted = []
    for council, ward in rng.sample(wards, 200):
        reports_posted.append(("POST", "/api/v1/reports", {"Content-Type": "application/json"},
                               json.dumps({"council_code": council, "ward_code": ward,
                                           "category": "community_tension",
                                           "what_happened": "Groups arguing outside the "
                                                            "school gates.",
                                           "occurred_on": week})))
    forum_posts = [("POST", f"/api/v1/forums/threads/{t}/posts",
                    {"Content-Type": "application/json",
                     "Authorization": f"Bearer {rng.choice(tokens)}"},
                    json.dumps({"body": "Is the community centre open on Saturday?"}))
                   for t in threads[:100]]
    return {
        "areas: index": anon(["/areas/"]),
        "areas: council profile": anon([f"/areas/{c}/" for c in councils]),
        "library: index": anon(["/library/"]),
        "library: resource page": anon([f"/library/resources/{s}/" for s in resources]),
        "library: search": anon([f"/library/search/?q={quote_plus(q)}" for q in SEARCHES]),
        "forums: group list and group": resident(
            ["/forums/"] + [f"/forums/groups/{g}/" for g in groups]),
        "forums: thread": resident([f"/forums/threads/{t}/" for t in threads]),
        "forums: search": resident([f"/forums/search/?q={quote_plus(q)}" for q in SEARCHES]),
        "tensions: dashboard": officer_requests(lambda code: ["/tensions/"]),
        "tensions: report list": officer_requests(report_lists),
        "tensions: report page": officer_requests(report_pages),
        "tensions: early warning (alerts)": officer_requests(lambda code: ["/tensions/alerts/"]),
        "tensions: partner dashboard": [("GET", "/tensions/", partner, None)],
        "tensions: partner return": [
            ("GET", f"/tensions/assessments/return/?week={week}", partner, None)],
        POSTS_REPORT: reports_posted,
        POSTS_FORUM: forum_posts,
    }


# ---------------------------------------------------------------- measuring

def worker_memory(master: int) -> dict[int, int]:
    """Resident memory (kB) of each of gunicorn's workers."""
    found = {}
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    for pid in children:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        rss = next(line for line in status.splitlines() if line.startswith("VmRSS"))
        found[int(pid)] = int(rss.split()[1])
    return found


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def machine_cpu() -> tuple[int, int, int]:
    """(busy without nice, nice, total) jiffies since boot, all cores."""
    user, nice, system, idle, iowait, irq, softirq, steal = map(
        int, Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9])
    busy = user + system + irq + softirq + steal
    return busy, nice, busy + nice + idle + iowait


def counts() -> tuple[int, int]:
    from commonground.forums.models import Post
    from commonground.tensions.models import Report

    return Report.objects.count(), Post.objects.count()


def users_for(name: str, scale: float) -> int:
    """Users of a page type: its rate times its think time (Little's law)."""
    _kind, think, rate = RATES[name]
    return max(1, round(rate * scale * think))


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


async def fetch(port: int, method: str, path: str, headers: dict[str, str],
                body: str | None) -> int:
    """One request on its own connection, as nginx makes them to gunicorn; 0 if it failed."""
    import asyncio

    data = body.encode() if body is not None else b""
    head = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            f"Content-Length: {len(data)}\r\n"
            + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n")
    try:
        async with asyncio.timeout(10):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(head.encode() + data)
            await writer.drain()
            first = await reader.readline()
            await reader.read()  # the rest, to the server's close
            writer.close()
        return int(first.split()[1])
    except (OSError, TimeoutError, ValueError, IndexError):
        return 0


def generate(spec_file: str, out_file: str) -> None:
    """The load: each page type's users, each waiting an exponential think time before
    each request (the first too, so they start spread out). Runs in its own process."""
    import asyncio

    spec = json.loads(Path(spec_file).read_text())
    rng = random.Random(spec["seed"])  # noqa: S311
    found: dict[str, list[tuple[float, float, int]]] = {name: [] for name in spec["types"]}

    async def user(name: str, think: float, reqs: list[list[object]], start: float,
                   deadline: float) -> None:
        loop = asyncio.get_running_loop()
        while True:
            wait = rng.expovariate(1 / think)
            if loop.time() + wait >= deadline:
                return
            await asyncio.sleep(wait)
            method, path, headers, body = rng.choice(reqs)
            began = loop.time()
            status = await fetch(spec["port"], str(method), str(path), dict(headers),  # type: ignore[call-overload]
                                 body if body is None else str(body))
            found[name].append((began - start, (loop.time() - began) * 1000, status))

    async def main() -> None:
        loop = asyncio.get_running_loop()
        start = loop.time() + spec["warmup"]  # requests before it are not measured
        deadline = start + spec["seconds"]
        await asyncio.gather(*(user(name, t["think"], t["requests"], start, deadline)
                               for name, t in spec["types"].items()
                               for _ in range(t["users"])))

    asyncio.run(main())
    Path(out_file).write_text(json.dumps(found))


def summarise(found: dict[str, list[list[float]]], seconds: int) -> dict[str, object]:
    """Latencies of the measured part (after the warm-up); 201s of all, for the count."""
    kinds = {}
    for name, every_row in found.items():
        rows = [row for row in every_row if row[0] >= 0]
        times = [ms for _, ms, _ in rows]
        kinds[name] = {
            "requests": len(rows), "rate": len(rows) / seconds,
            "p50": percentile(times, 50), "p95": percentile(times, 95),
            "p99": percentile(times, 99), "max": max(times, default=0.0),
            "created": sum(1 for *_, status in every_row if status == 201),
            "bad": sum(1 for *_, status in rows if status >= 400),
            "failed": sum(1 for *_, status in rows if status == 0)}
    minutes = []
    every = [row for rows in found.values() for row in rows if row[0] >= 0]
    for m in range(max(1, math.ceil(seconds / 60))):
        inside = [ms for at, ms, _ in every if m * 60 <= at < (m + 1) * 60]
        minutes.append((len(inside), percentile(inside, 95)))
    return {"kinds": kinds, "minutes": minutes}


def warm_up(port: int, requests: dict[str, list[tuple[str, str, dict[str, str], str | None]]]
            ) -> None:
    """Each page type's first requests once (no first-request costs in the figures); any
    answer but success stops the run."""
    import asyncio

    for name, reqs in requests.items():
        for method, path, headers, body in reqs[:3]:
            status = asyncio.run(fetch(port, method, path, headers, body))
            if not 200 <= status < 400:
                raise SystemExit(f"{name}: {method} {path} answered {status} before the run")


def wrk(script: Path, port: int, connections: int, seconds: int) -> dict[str, int]:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s",
         str(script), f"http://127.0.0.1:{port}"], check=True, capture_output=True,
        text=True).stdout
    return json.loads(out.split("RESULT ", 1)[1])


def run(args: argparse.Namespace, var_dir: Path) -> dict[str, object]:
    from django.db import connection

    requests = visitors()
    connection.close()
    env = production_env(var_dir, None)
    env.update({"DATABASE_URL": os.environ["DATABASE_URL"], "REPORT_RATE_LIMIT": "0",
                "FORUMS_NEW_ACCOUNT_DAYS": "0", "DEBUG": "false"})
    spec = {"port": args.port, "seconds": args.seconds, "warmup": args.warmup, "seed": 14,
            "types": {
        name: {"users": users_for(name, args.rate), "think": RATES[name][1],
               "requests": reqs} for name, reqs in requests.items()}}
    (var_dir / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    mixed = []  # the whole mix for the saturation run, each page type in its share
    for name, reqs in requests.items():
        mixed += random.Random(7).choices(reqs, k=max(1, round(RATES[name][2] * 10)))  # noqa: S311
    (var_dir / "saturation.lua").write_text(lua(mixed, 99), encoding="utf-8")
    # The server's log (a JSON line per request, as in production) goes to a file.
    with serve(env, port=args.port, workers=args.workers, threads=args.threads,
               ready="/api/v1/health", log=var_dir / "gunicorn.log") as server:
        warm_up(args.port, requests)
        before = counts()
        connection.close()
        memory: list[tuple[float, dict[int, int]]] = []
        stop = threading.Event()
        workers = list(worker_memory(server.pid))
        start = time.monotonic()

        def sample() -> None:
            while not stop.is_set():
                memory.append((time.monotonic() - start, worker_memory(server.pid)))
                stop.wait(5)

        sampler = threading.Thread(target=sample)
        reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
        generator = subprocess.Popen([sys.executable, __file__, "--generate",
                                      str(var_dir / "spec.json"), str(var_dir / "found.json")])
        time.sleep(args.warmup)  # the same mix, unmeasured: every worker warm
        start = time.monotonic()
        load_before = os.getloadavg()
        cpu_before = (cpu_seconds(workers), machine_cpu(), cpu_seconds([generator.pid]))
        sampler.start()
        generator.wait()
        done = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_generator = (done.ru_utime + done.ru_stime) - (reaped.ru_utime + reaped.ru_stime)
        if generator.returncode:
            raise SystemExit(f"the load generator failed ({generator.returncode})")
        stop.set()
        sampler.join()
        cpu_after = (cpu_seconds(workers), machine_cpu(), cpu_generator)
        load_after = os.getloadavg()
        after = counts()
        connection.close()
        saturation = None
        if args.saturation:
            saturation = wrk(var_dir / "saturation.lua", args.port, 16, args.saturation)
            saturation["load"] = os.getloadavg()[0]  # type: ignore[assignment]
    found = json.loads((var_dir / "found.json").read_text())
    tick = os.sysconf("SC_CLK_TCK")
    return {**summarise(found, args.seconds), "memory": memory, "before": before,
            "after": after, "load": (load_before, load_after), "saturation": saturation,
            "cpu": {"server": cpu_after[0] - cpu_before[0],
                    "generator": cpu_after[2] - cpu_before[2],
                    "machine_busy": (cpu_after[1][0] - cpu_before[1][0]) / tick,
                    "machine_nice": (cpu_after[1][1] - cpu_before[1][1]) / tick},
            "users": {name: users_for(name, args.rate) for name in requests}}


# ---------------------------------------------------------------- the doc

def report(args: argparse.Namespace, engine: str, out: dict[str, object]) -> str:  # noqa: PLR0914 - one table
    kinds_ = out["kinds"]
    users = out["users"]
    assert isinstance(kinds_, dict) and isinstance(users, dict)
    seconds = args.seconds
    rows = []
    for name, r in kinds_.items():
        flag = "" if r["p95"] < 150 else " (missed)"
        rows.append(f"| {name} | {RATES[name][0]} | {users[name]} | {RATES[name][1]} | "
                    f"{RATES[name][2] * args.rate:.1f} | {r['rate']:.2f} | {r['requests']:,} | "
                    f"{r['p50']:.0f} | **{r['p95']:.0f}**{flag} | {r['p99']:.0f} | "
                    f"{r['max']:.0f} | {r['bad']} | {r['failed']} |")
    total = sum(r["requests"] for r in kinds_.values())
    memory = out["memory"]
    assert isinstance(memory, list)
    pids = sorted({pid for _, sample in memory for pid in sample})
    mem_rows = []
    for pid in pids:
        series = [(t, s[pid] / 1024) for t, s in memory if pid in s]
        values = [v for _, v in series]
        step = max(1, len(series) // 10)
        marks = " / ".join(f"{v:.0f}" for _, v in series[::step][:11])
        n = len(series)
        mean_t = sum(t for t, _ in series) / n
        mean_v = sum(values) / n
        slope = (sum((t - mean_t) * (v - mean_v) for t, v in series)
                 / max(1e-9, sum((t - mean_t) ** 2 for t, _ in series))) * 60
        mem_rows.append(f"| {pid} | {values[0]:.0f} | {values[-1]:.0f} | {max(values):.0f} | "
                        f"{slope:+.2f} | {marks} |")
    before, after = out["before"], out["after"]
    assert isinstance(before, tuple) and isinstance(after, tuple)
    posted_reports = kinds_[POSTS_REPORT]["created"]
    posted = kinds_[POSTS_FORUM]["created"]
    gained = (after[0] - before[0], after[1] - before[1])
    lost = gained[0] < posted_reports or gained[1] < posted
    load = out["load"]
    cpu = out["cpu"]
    minutes = out["minutes"]
    assert isinstance(load, tuple) and isinstance(cpu, dict) and isinstance(minutes, list)
    worst_name, worst = max(((n, r["p95"]) for n, r in kinds_.items()), key=lambda p: p[1])
    missed = [n for n, r in kinds_.items() if r["p95"] >= 150]
    errors = sum(r["bad"] + r["failed"] for r in kinds_.values())
    start, end = f"<!-- site-load-{engine}:start -->", f"<!-- site-load-{engine}:end -->"
    lines = [
        start,
        f"**{engine}**, measured {datetime.date.today():%-d %B %Y} with `.venv/bin/python "
        f"benchmarks/site_load.py{' --database-url ...' if args.database_url else ''} "
        f"--seconds {seconds} --rate {args.rate:g}` (prepared data: the demo plus "
        f"{args.reports:,} reports over five years in every council's wards, "
        f"{args.posts:,} forum posts, {args.documents:,} library resources); gunicorn "
        f"{args.workers} workers x {args.threads} threads; {sum(users.values())} users "
        f"thinking between requests for {seconds} s after {args.warmup} s of the same mix "
        f"unmeasured (every worker warm): {total:,} requests "
        f"({total / seconds:.1f} a second). Load average (1 min) {load[0][0]:.1f} before, "
        f"{load[1][0]:.1f} after; {load[1][2]:.1f} over the last 15 min.",
        "",
        f"Worst p95 {worst:.0f} ms ({worst_name}). Target p95 < 150 ms for every page type: "
        + ("**met**." if not missed else f"**missed** for {len(missed)} of {len(kinds_)} ("
           + ", ".join(missed) + ").")
        + f" Errors: **{errors}** (target zero)."
        + (f" Nothing lost: **{'no, rows missing' if lost else 'yes'}**."),
        "",
        "| page type | visitors | users | think s | target req/s | req/s | requests | "
        "p50 ms | p95 ms | p99 ms | max ms | 4xx/5xx | failed |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        "Each minute, all page types: requests and p95 ms: "
        + ", ".join(f"{n:,} / {p:.0f}" for n, p in minutes) + ".",
        "",
        f"Nothing lost: {posted_reports:,} reports and {posted:,} forum posts answered 201; "
        f"the database gained {gained[0]:,} reports and {gained[1]:,} posts.",
        "",
        f"CPU over the run (2 cores: {2 * seconds:,} CPU-seconds): gunicorn's workers "
        f"{cpu['server']:.0f} s ({cpu['server'] / max(1, total) * 1000:.1f} ms a request; "
        f"on SQLite that includes the database's work, on PostgreSQL its server processes "
        f"are apart), the load generator {cpu['generator']:.0f} s (a process of its own), "
        f"the whole machine "
        f"{cpu['machine_busy']:.0f} s at normal priority and {cpu['machine_nice']:.0f} s "
        "niced (other helpers' work at nice 19).",
        "",
        "Each worker's resident memory (MB), sampled every 5 s: first, last, largest, the "
        "trend (least-squares slope, MB a minute) and the value at each tenth of the run.",
        "",
        "| worker | first | last | largest | MB/min | over the run |",
        "|---|---:|---:|---:|---:|---|",
        *mem_rows,
    ]
    sat = out["saturation"]
    if isinstance(sat, dict):
        rate = sat["requests"] / (sat["duration_us"] / 1e6)
        lines += ["", f"Capacity: the same mix without think time (wrk, 16 keep-alive "
                  f"connections, closed loop) for {args.saturation} s: **{rate:.1f} requests "
                  f"a second**, p50 {sat['p50'] / 1000:.0f} ms, p95 {sat['p95'] / 1000:.0f} ms, "
                  f"p99 {sat['p99'] / 1000:.0f} ms; {sat['bad']} 4xx/5xx, "
                  f"{sat['socket_errors']} socket errors (load average {sat['load']:.1f})."]
    lines.append(end)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL run database (replaced); "
                        "SQLite without it")
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--rate", type=float, default=1.0,
                        help="scale the peak rates (RATES) by this")
    parser.add_argument("--warmup", type=int, default=60,
                        help="seconds of the mix before the measured run (every worker warm)")
    parser.add_argument("--saturation", type=int, default=60,
                        help="seconds of the mix without think time after the run (0: none)")
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8107)
    parser.add_argument("--prepare", action="store_true",
                        help="build (again) the prepared data and stop")
    parser.add_argument("--fresh", action="store_true", help="rebuild the prepared data first")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--build-into", help=argparse.SUPPRESS)
    parser.add_argument("--generate", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(*args.generate)
        return
    with tempfile.TemporaryDirectory(prefix="cg-site-load-") as tmp:
        var_dir = Path(tmp)
        if args.build_into:
            setup_django(args.build_into, var_dir, debug=True)
            migrate()
            build(args.reports, args.posts, args.documents)
            return
        url = database_for_run(args, var_dir)
        if args.prepare:
            return
        setup_django(url, var_dir)
        migrate()
        from django.db import connection

        engine = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
        out = run(args, var_dir)
        text = report(args, engine, out)
        print(text)
        if not args.no_write:
            start, end = text.splitlines()[0], text.splitlines()[-1]
            replace_section(start, end, "## The whole site under load (site_load.py)", text)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
