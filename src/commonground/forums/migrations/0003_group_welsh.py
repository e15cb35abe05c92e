"""A group's name, summary and information page in Welsh, and the regional forums' Welsh.

The regional forums are the product's own words (0002 wrote their English), so their
Welsh comes with them; a forum whose Welsh someone has already written keeps it.
"""

from django.db import migrations, models

# ONS region code -> the region's Welsh name, and the name after "yn" (with its mutation).
REGIONS = {
    "E12000001": ("Gogledd Ddwyrain Lloegr", "yng Ngogledd Ddwyrain Lloegr"),
    "E12000002": ("Gogledd Orllewin Lloegr", "yng Ngogledd Orllewin Lloegr"),
    "E12000003": ("Swydd Efrog a’r Humber", "yn Swydd Efrog a’r Humber"),
    "E12000004": ("Dwyrain Canolbarth Lloegr", "yn Nwyrain Canolbarth Lloegr"),
    "E12000005": ("Gorllewin Canolbarth Lloegr", "yng Ngorllewin Canolbarth Lloegr"),
    "E12000006": ("Dwyrain Lloegr", "yn Nwyrain Lloegr"),
    "E12000007": ("Llundain", "yn Llundain"),
    "E12000008": ("De Ddwyrain Lloegr", "yn Ne Ddwyrain Lloegr"),
    "E12000009": ("De Orllewin Lloegr", "yn Ne Orllewin Lloegr"),
    "W92000004": ("Cymru", "yng Nghymru"),
}

ABOUT = (
    "Mae Fforwm {name} ar agor i bob ymarferydd ar Common Ground sy’n gweithio {in_region}: "
    "cynghorau, yr heddlu, ysgolion, iechyd, a grwpiau gwirfoddol, cymunedol a ffydd.\n\n"
    "Defnyddiwch ef i ofyn am gyngor, rhannu’r hyn sydd wedi gweithio, a chlywed yn gynnar am "
    "ddigwyddiadau a thensiynau sy’n croesi ffiniau cynghorau. Byddwch yn garedig, cadwch "
    "fanylion personol allan o negeseuon, a rhowch wybod am unrhyw beth sy’n torri’r rheolau "
    "hyn: bydd y cymedrolwyr yn edrych arno."
)


def welsh_of_regional_forums(apps, schema_editor):
    Group = apps.get_model("forums", "Group")
    for code, (name, in_region) in REGIONS.items():
        Group.objects.filter(region_code=code, name_cy="").update(
            name_cy=f"Fforwm {name}",
            summary_cy=f"Ymarferwyr sy’n gweithio ar gydlyniant cymunedol {in_region}.",
            about_cy=ABOUT.format(name=name, in_region=in_region))


class Migration(migrations.Migration):

    dependencies = [
        ("forums", "0002_regional_forums"),
    ]

    operations = [
        migrations.AddField(
            model_name="group",
            name="about_cy",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="group",
            name="name_cy",
            field=models.CharField(blank=True, max_length=120),
        ),
        migrations.AddField(
            model_name="group",
            name="summary_cy",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.RunPython(welsh_of_regional_forums, migrations.RunPython.noop),
    ]
