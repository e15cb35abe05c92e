"""Integrity tests for the structured knowledge fixtures in data/knowledge/.

Pure pytest + PyYAML (no Django). Checks required fields, slug-like unique ids,
cross-references, citations and counts that the seed documents state.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = REPO_ROOT / "data" / "knowledge"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
AREA_CODE = re.compile(r"^(E0[6-9]\d{6}|E10\d{6}|W06\d{6})$")
REGIONS = {
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
    "Wales",
}
EXPECTED_FILES = [
    "sources.yaml",
    "framework.yaml",
    "family_groups.yaml",
    "influences.yaml",
    "actions.yaml",
    "issues.yaml",
    "pitfalls.yaml",
    "guidance.yaml",
    "themes.yaml",
    "synonyms.yaml",
    "case_studies.yaml",
    "resources.yaml",
]


def load(name: str):
    with open(KNOWLEDGE / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def data():
    return {name.removesuffix(".yaml"): load(name) for name in EXPECTED_FILES}


@pytest.fixture(scope="module")
def seed_titles(data):
    return {s["seed"]: s["title"] for s in data["sources"]["sources"]}


def ids(records):
    return {r["id"] for r in records}


def all_record_lists(data):
    """(label, list of records) for every id-bearing collection."""
    fw, fg = data["framework"], data["family_groups"]
    return [
        ("framework.foundations", fw["foundations"]),
        ("framework.ways_of_living_together", fw["ways_of_living_together"]),
        ("framework.principles", fw["principles"]),
        ("framework.national_indicators", fw["national_indicators"]),
        ("framework.headline_figures", fw["headline_figures"]),
        ("framework.mapping_approaches", fw["mapping_approaches"]),
        ("framework.related_visions", fw["related_visions"]),
        ("family_groups.groups", fg["groups"]),
        ("family_groups.factor_definitions", fg["factor_definitions"]),
        ("influences.influences", data["influences"]["influences"]),
        ("influences.findings", data["influences"]["findings"]),
        ("actions", data["actions"]["actions"]),
        ("issues", data["issues"]["issues"]),
        ("pitfalls", data["pitfalls"]["pitfalls"]),
        ("guidance", data["guidance"]["guidance"]),
        ("themes", data["themes"]["themes"]),
        ("case_studies", data["case_studies"]["case_studies"]),
        ("resources", data["resources"]["resources"]),
    ]


# ---------------------------------------------------------------- files and basics


def test_all_files_present_and_parse():
    present = sorted(p.name for p in KNOWLEDGE.glob("*.yaml"))
    assert sorted(EXPECTED_FILES) == present
    for name in EXPECTED_FILES:
        doc = load(name)
        assert isinstance(doc, dict) and "meta" in doc, name
    assert (KNOWLEDGE / "README.md").is_file()


def test_sources_registry(data):
    seeds = [s["seed"] for s in data["sources"]["sources"]]
    assert seeds == ["000", "001", "002", "003", "004"]
    for s in data["sources"]["sources"]:
        assert s["title"] and s["publisher"] and s["file"].startswith(s["seed"] + "_")


def test_ids_slug_like_and_unique_per_collection(data):
    for label, records in all_record_lists(data):
        seen = Counter(r["id"] for r in records)
        dupes = [k for k, v in seen.items() if v > 1]
        assert not dupes, f"duplicate ids in {label}: {dupes}"
        for r in records:
            assert isinstance(r["id"], str) and SLUG.match(r["id"]), f"{label}: bad id {r['id']!r}"


def test_ids_unique_across_linkable_collections(data):
    # Ids referenced from other files must not collide between collections.
    pools = [
        ids(data[k][k])
        for k in ("actions", "issues", "guidance", "case_studies", "resources", "pitfalls")
    ]
    total = sum(len(p) for p in pools)
    assert len(set().union(*pools)) == total


def _iter_citations(obj, path="$"):
    """Yield (path, mapping) for every `source` mapping in a document."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in ("source",) and isinstance(v, dict):
                yield f"{path}.{k}", v
            elif k in ("also_cited_in",) and isinstance(v, list):
                for i, c in enumerate(v):
                    yield f"{path}.{k}[{i}]", c
            else:
                yield from _iter_citations(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _iter_citations(v, f"{path}[{i}]")


def test_every_citation_is_complete(data, seed_titles):
    for name in EXPECTED_FILES:
        if name in ("sources.yaml", "synonyms.yaml"):
            continue
        cites = list(_iter_citations(data[name.removesuffix(".yaml")]))
        assert cites, name
        for path, c in cites:
            assert c.get("seed") in seed_titles, f"{name} {path}: bad seed {c.get('seed')!r}"
            assert c.get("title") == seed_titles[c["seed"]], f"{name} {path}: title mismatch"
            assert isinstance(c.get("section"), str) and c["section"].strip(), (
                f"{name} {path}: no section"
            )
            if "page" in c:
                assert isinstance(c["page"], int) and c["page"] > 0


def test_every_record_has_a_citation(data):
    for label, records in all_record_lists(data):
        for r in records:
            assert isinstance(r.get("source"), dict), f"{label}:{r['id']} has no source"
    fw, fg = data["framework"], data["family_groups"]
    for rec in (
        fw["definition"],
        fw["implementation_plan"],
        fg["tenth_category"],
        fg["total"],
        fg["classification_feedback"],
    ):
        assert isinstance(rec.get("source"), dict)


def test_required_fields(data):
    req = {
        "actions": ["id", "title", "summary", "universal", "themes", "guidance", "source"],
        "issues": ["id", "number", "title", "summary", "actions", "themes", "source"],
        "pitfalls": ["id", "title", "summary", "related_actions", "themes", "source"],
        "guidance": ["id", "title", "publisher", "year", "themes", "summary", "url", "source"],
        "themes": ["id", "name", "synonyms", "description", "source"],
        "case_studies": [
            "id",
            "title",
            "summary",
            "council",
            "area_code",
            "region",
            "themes",
            "issues",
            "actions",
            "outcomes",
            "evidence_strength",
            "evidence_reason",
            "year",
            "links",
            "source",
        ],
        "resources": [
            "id",
            "title",
            "kind",
            "publisher",
            "year",
            "topics",
            "summary",
            "url",
            "source",
        ],
    }
    for coll, fields in req.items():
        for r in data[coll][coll]:
            missing = [f for f in fields if f not in r]
            assert not missing, f"{coll}:{r.get('id')} missing {missing}"
            assert str(r["summary"] if "summary" in r else r["description"]).strip()
    for r in data["influences"]["influences"]:
        for f in ("id", "factor", "category", "positive", "negative", "effect", "table", "source"):
            assert f in r, (r["id"], f)


# ---------------------------------------------------------------- framework (seed 002 / 000)


def test_framework_counts(data):
    fw = data["framework"]
    assert [p["number"] for p in fw["principles"]] == list(range(1, 9))  # eight principles
    assert len(fw["foundations"]) == 3
    assert len(fw["ways_of_living_together"]) == 3
    assert len(fw["national_indicators"]) == 3
    plan = fw["implementation_plan"]
    assert len(plan["plan_contents"]) == 6 and len(plan["project_management"]) == 5
    assert len(plan["key_questions"]) == 3


# ---------------------------------------------------------------- family groups (Table 1)

TABLE_1 = [  # (number, average perception of cohesion, number of areas) exactly as printed
    (1, 72.2, 27),
    (2, 73.3, 20),
    (3, 74.1, 29),
    (4, 76.3, 32),
    (5, 79.9, 49),
    (6, 80.5, 35),
    (7, 80.6, 47),
    (8, 82.9, 65),
    (9, 83.0, 36),
]


def test_family_groups_match_table_1(data):
    groups = data["family_groups"]["groups"]
    assert len(groups) == 9
    assert [(g["number"], g["average_cohesion"], g["number_of_areas"]) for g in groups] == TABLE_1
    # Ordered from lowest to highest cohesion, as in Table 1.
    avgs = [g["average_cohesion"] for g in groups]
    assert avgs == sorted(avgs)
    assert [g["band"] for g in groups] == ["lower"] * 4 + ["higher"] * 5


def test_family_group_total_row_and_known_discrepancy(data):
    fg = data["family_groups"]
    total = fg["total"]
    assert total["average_cohesion"] == 78.9
    assert total["number_of_areas"] == 353
    # The printed rows do NOT add up to the printed total (340 vs 353) and their
    # weighted mean is 79.1, not 78.9. Record both, never "fix" one side silently.
    rows_sum = sum(g["number_of_areas"] for g in fg["groups"])
    assert rows_sum == 340 == total["rows_sum_number_of_areas"]
    wmean = sum(g["average_cohesion"] * g["number_of_areas"] for g in fg["groups"]) / rows_sum
    assert round(wmean, 1) == total["rows_weighted_mean_cohesion"] == 79.1
    assert total["number_of_areas"] - rows_sum == 13


def test_family_group_factors_consistent_with_names(data):
    for g in data["family_groups"]["groups"]:
        name = g["name"].lower()
        f = g["factors"]
        assert set(f) == {"affluent", "rural", "changing", "industrial_decline"}
        assert f["rural"] == ("rural" in name)
        assert f["changing"] == name.startswith("changing")
        assert f["affluent"] == ("less affluent" not in name)
        if "without manufacturing decline" in name:
            assert f["industrial_decline"] is False
        elif "with manufacturing decline" in name:
            assert f["industrial_decline"] is True
        else:
            assert f["industrial_decline"] is None


def test_family_group_thresholds(data):
    fd = {f["id"]: f for f in data["family_groups"]["factor_definitions"]}
    assert fd["deprivation-affluence"]["threshold_value"] == 25
    assert fd["rural-urban"]["threshold_value"] == 50
    assert fd["new-migration"]["threshold_value"] == 7
    assert fd["industrial-decline"]["threshold_value"] == 1000
    fb = data["family_groups"]["classification_feedback"]
    assert fb["accurate_pct"] + fb["more_mixed_pct"] + fb["disagreed_pct"] == 100


def test_annex_c_groups_and_tenth_category(data):
    fg = data["family_groups"]
    with_c = [g for g in fg["groups"] if g["annex_c_letter"]]
    assert [g["number"] for g in with_c] == [1, 2, 3, 4]
    assert [g["annex_c_letter"] for g in with_c] == ["a", "b", "c", "d"]
    for g in with_c:
        assert g["what_works_well"] and g["works_less_well"]
    tenth = fg["tenth_category"]
    assert tenth["annex_c_letter"] == "e"
    assert tenth["drawn_from_groups"] == [5, 6, 7, 8, 9]
    assert tenth["what_works_well"] and tenth["works_less_well"]
    # Counts per Annex C list as printed (e's split bullet merged).
    assert [len(g["what_works_well"]) for g in with_c] == [5, 7, 6, 11]
    assert [len(g["works_less_well"]) for g in with_c] == [3, 3, 1, 3]
    assert (len(tenth["what_works_well"]), len(tenth["works_less_well"])) == (7, 3)


# ---------------------------------------------------------------- influences (Tables 2-5, A1-A4)


def test_influence_table_counts(data):
    infl = data["influences"]["influences"]
    counts = Counter(i["table"] for i in infl)
    assert counts == {
        "Table 2": 9,
        "Table 3": 7,
        "Table 4": 6,
        "Table 5": 4,
        "Table A1": 12,
        "Table A2": 7,
        "Table A3": 24,
        "Table A4": 7,
    }
    by = Counter((i["table"], i["effect"]) for i in infl if i["table"].startswith("Table A"))
    assert (
        by[("Table A1", "positive")],
        by[("Table A1", "negative")],
        by[("Table A1", "no-effect")],
    ) == (4, 3, 5)
    assert (
        by[("Table A2", "positive")],
        by[("Table A2", "negative")],
        by[("Table A2", "no-effect")],
    ) == (4, 1, 2)
    assert (
        by[("Table A3", "positive")],
        by[("Table A3", "negative")],
        by[("Table A3", "no-effect")],
    ) == (7, 4, 13)
    assert (
        by[("Table A4", "positive")],
        by[("Table A4", "negative")],
        by[("Table A4", "no-effect")],
    ) == (2, 5, 0)


def test_influence_shapes(data):
    cats = {c["id"]: set(c["tables"]) for c in data["influences"]["meta"]["categories"]}
    for i in data["influences"]["influences"]:
        table_family = {t for t, ts in cats.items() if i["table"] in ts}
        assert table_family == {i["category"]}, i["id"]
        if i["table"].startswith("Table A"):
            assert i["effect"] in {"positive", "negative", "no-effect"}
            assert i["positive"] is None and i["negative"] is None
        else:
            assert i["effect"] == "two-sided"
            assert i["positive"] and i["negative"]
            assert i["mapping_data"]


# ---------------------------------------------------------------- actions / issues / guidance


def test_actions_universal_and_targeted(data):
    acts = data["actions"]["actions"]
    assert sum(a["universal"] for a in acts) == 5
    assert sum(not a["universal"] for a in acts) == 20


def test_issues_table_d1(data):
    issues = data["issues"]["issues"]
    assert [i["number"] for i in issues] == list(range(1, 24))  # 23 rows in Table D1
    assert Counter(i["table_part"] for i in issues) == {1: 7, 2: 8, 3: 8}
    action_ids = ids(data["actions"]["actions"])
    universal = {a["id"] for a in data["actions"]["actions"] if a["universal"]}
    linked = set()
    for i in issues:
        assert i["actions"], i["id"]
        assert len(i["actions"]) == len(set(i["actions"])), i["id"]
        for a in i["actions"]:
            assert a in action_ids, f"{i['id']} -> unknown action {a}"
            assert a not in universal, f"{i['id']} links universal action {a}"
        linked.update(i["actions"])
    # Every targeted action is used by at least one Table D1 row.
    assert linked == action_ids - universal
    # Spot checks against Table D1 as printed.
    by = {i["id"]: i["actions"] for i in issues}
    assert by["high-crime-and-asb"] == ["work-with-neighbourhood-policing"]
    assert by["not-speaking-english"] == [
        "promote-esol-classes",
        "use-translation-guidance",
        "promote-citizenship-ceremonies",
        "mentoring-and-buddying",
    ]
    assert sum(len(v) for v in by.values()) == 96


def test_links_live_on_one_side_only(data):
    for a in data["actions"]["actions"]:
        assert "issues" not in a, "issue->action links must only be stored in issues.yaml"


def test_action_guidance_links(data):
    gids = ids(data["guidance"]["guidance"])
    for a in data["actions"]["actions"]:
        for g in a["guidance"]:
            assert g in gids, f"{a['id']} -> unknown guidance {g}"
        assert bool(a["guidance"]) == bool(a.get("guidance_basis")), a["id"]


def test_guidance_catalogue(data):
    g = data["guidance"]["guidance"]
    current = [x for x in g if x["section"] == "current-guidance"]
    assert len(current) == 20  # Annex E list (the Integration heading holds three items)
    assert len({x["annex_e_heading"] for x in current}) == 13
    for x in g:
        assert x["url"] is None or isinstance(x["url"], str)


# ---------------------------------------------------------------- themes, synonyms, cross-refs


def test_theme_references_resolve(data):
    tids = ids(data["themes"]["themes"])
    for coll, key in [
        ("actions", "themes"),
        ("issues", "themes"),
        ("pitfalls", "themes"),
        ("guidance", "themes"),
        ("case_studies", "themes"),
        ("resources", "topics"),
    ]:
        for r in data[coll][coll]:
            assert r[key], f"{coll}:{r['id']} has no {key}"
            for t in r[key]:
                assert t in tids, f"{coll}:{r['id']} -> unknown theme {t}"
    for grp in data["synonyms"]["groups"]:
        for t in grp.get("themes", []):
            assert t in tids, f"synonym group {grp['id']} -> unknown theme {t}"


def test_themes_have_search_synonyms(data):
    for t in data["themes"]["themes"]:
        assert len(t["synonyms"]) >= 3, t["id"]


def test_synonym_groups(data, seed_titles):
    groups = data["synonyms"]["groups"]
    assert len(groups) >= 30
    assert len({g["id"] for g in groups}) == len(groups)
    for g in groups:
        assert SLUG.match(g["id"]) and g["expansion"] and len(g["terms"]) >= 2
        assert g["seeds"] and all(s in seed_titles or s == "general" for s in g["seeds"]), g["id"]
    terms = {t.lower() for g in groups for t in g["terms"]}
    for must in [
        "esol",
        "english classes",
        "vcs",
        "third sector",
        "vcfs",
        "asb",
        "anti-social behaviour",
        "neet",
        "bme",
        "bame",
        "lsp",
        "csp",
        "laa",
        "ni1",
        "ehrc",
        "dclg",
        "mhclg",
        "imd",
        "lsoa",
    ]:
        assert must in terms, must


def test_pitfall_references_resolve(data):
    aids = ids(data["actions"]["actions"])
    gids = ids(data["family_groups"]["groups"]) | {data["family_groups"]["tenth_category"]["id"]}
    pits = data["pitfalls"]["pitfalls"]
    assert sum(p["source"]["seed"] == "002" and "3.2" in p["source"]["section"] for p in pits) == 11
    for p in pits:
        for a in p["related_actions"]:
            assert a in aids, (p["id"], a)
        for g in p.get("also_in_annex_c", []):
            assert g in gids, (p["id"], g)


def test_case_studies(data):
    cs = data["case_studies"]["case_studies"]
    assert len(cs) >= 25
    aids, iids = ids(data["actions"]["actions"]), ids(data["issues"]["issues"])
    for c in cs:
        for a in c["actions"]:
            assert a in aids, (c["id"], a)
        for i in c["issues"]:
            assert i in iids, (c["id"], i)
        assert c["evidence_strength"] in {"anecdotal", "monitored", "evaluated"}
        assert c["evidence_reason"].strip()
        assert c["coverage"] in {"full", "brief"}
        assert c["year"] == 2019 and c["source"]["seed"] == "003"
        assert c["area_code"] is None or AREA_CODE.match(c["area_code"]), c["id"]
        assert c["region"] is None or c["region"] in REGIONS, c["id"]
        assert isinstance(c["links"], list)
        n_sentences = len(re.findall(r"[.!?](?:\s|$)", c["summary"].strip()))
        assert 1 <= n_sentences <= 6, (c["id"], n_sentences)
        if c["coverage"] == "full":
            assert n_sentences >= 2, c["id"]
    councils = " ".join(str(c["council"]) + " " + c["title"] for c in cs)
    for name in [
        "Rotherham",
        "Birmingham",
        "Bradford",
        "Bolsover",
        "Norfolk",
        "Who Is Your Neighbour",
        "Manchester",
        "Essex",
        "Luton",
        "Dudley",
        "Leeds",
        "Tower Hamlets",
    ]:
        assert name in councils, name


def test_case_study_links_appear_in_seed(data):
    seed = REPO_ROOT.parent / "shared" / "seeds" / "003_953f5e1a51d43679.txt"
    if not seed.is_file():
        pytest.skip("seed text not available in this checkout")
    text = seed.read_text(encoding="utf-8")
    for c in data["case_studies"]["case_studies"]:
        for url in c["links"]:
            assert url in text, (c["id"], url)


def test_area_codes_match_ons_lookup(data):
    lookup = REPO_ROOT.parent / "shared" / "data" / "lookups" / "lookup_lad21_utla21.csv"
    regions = REPO_ROOT.parent / "shared" / "data" / "lookups" / "lookup_lad21_region21.csv"
    if not (lookup.is_file() and regions.is_file()):
        pytest.skip("ONS lookups not available in this checkout")
    import csv

    codes = set()
    with open(lookup, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            codes.update([row["lad21_code"], row["utla21_code"]])
    lad_region = {}
    with open(regions, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            lad_region[row["lad21_code"]] = row["region21_name"]
    for c in data["case_studies"]["case_studies"]:
        if c["area_code"]:
            assert c["area_code"] in codes, c["id"]
            if c["area_code"] in lad_region:
                assert lad_region[c["area_code"]] == c["region"], c["id"]


def test_resources(data):
    res = data["resources"]["resources"]
    kinds = set(data["resources"]["meta"]["kinds"])
    for r in res:
        assert r["kind"] in kinds, r["id"]
        assert r["year"] is None or 1990 <= r["year"] <= 2026
    from_004 = [r for r in res if r["source"]["seed"] == "004"]
    assert len(from_004) == 11  # every item on the LGA resources page
    assert sum(r["source"]["seed"] == "003" for r in res) >= 30


def test_urls_only_where_seed_gives_one(data):
    # Seed 004 prints no URLs: records sourced only from it must not invent one.
    for r in data["resources"]["resources"]:
        if r["source"]["seed"] == "004" and not r.get("also_cited_in") and r["url"]:
            # allowed only when another seed (003) prints the URL
            pytest.fail(f"{r['id']}: URL without a seed that prints it")
