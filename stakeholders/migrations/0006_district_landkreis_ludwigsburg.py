from django.db import migrations


def create_district(apps, schema_editor):
    """The district whose office runs the portal, with its official keys (Statistisches Bundesamt)."""
    apps.get_model("stakeholders", "District").objects.get_or_create(
        pk=1,
        defaults={
            "name": "Landkreis Ludwigsburg",
            "short_name": "LB",
            "ags": "08118000",
            "rgs": "081180000000",
            "website": "https://www.landkreis-ludwigsburg.de/",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0005_district_historicalmeeting_start_time_and_more")]

    operations = [migrations.RunPython(create_district, migrations.RunPython.noop)]
