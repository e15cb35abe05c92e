"""The regional forums: one per English region and one for Wales, on every install.

They are part of the product, not demo data (the demo loader never runs in
production), so a data migration makes them. Keyed by the ONS region code, so the
migration never duplicates a forum, and a renamed forum keeps its threads.
"""

from django.db import migrations

# ONS codes (GSS) of the English regions, and of Wales.
REGIONS = [
    ("E12000001", "North East", "north-east"),
    ("E12000002", "North West", "north-west"),
    ("E12000003", "Yorkshire and The Humber", "yorkshire-and-the-humber"),
    ("E12000004", "East Midlands", "east-midlands"),
    ("E12000005", "West Midlands", "west-midlands"),
    ("E12000006", "East of England", "east-of-england"),
    ("E12000007", "London", "london"),
    ("E12000008", "South East", "south-east"),
    ("E12000009", "South West", "south-west"),
    ("W92000004", "Wales", "wales"),
]

ABOUT = (
    "The {name} forum is open to every practitioner on Common Ground working in or with "
    "{name}: councils, police, schools, health, and voluntary, community and faith "
    "groups.\n\n"
    "Use it to ask for advice, share what has worked, and hear early about events and "
    "tensions that cross council boundaries. Be kind, keep personal details out of "
    "posts, and report anything that breaks these rules: the moderators will look at it."
)


def create_regional_forums(apps, schema_editor):
    Group = apps.get_model("forums", "Group")
    for code, name, slug in REGIONS:
        if Group.objects.filter(region_code=code).exists():
            continue
        Group.objects.create(
            name=f"{name} forum",
            slug=slug if not Group.objects.filter(slug=slug).exists() else f"{slug}-forum",
            summary=f"Practitioners working on community cohesion in {name}.",
            about=ABOUT.format(name=name),
            visibility="open",
            region_code=code,
            region_name=name,
        )


class Migration(migrations.Migration):
    dependencies = [("forums", "0001_groups_threads_posts")]

    operations = [
        # Reversing leaves the forums in place: they may hold threads by then.
        migrations.RunPython(create_regional_forums, migrations.RunPython.noop),
    ]
