"""Uploaded files move from the job row (``content``) to the default storage (``upload``).

Jobs still waiting or running when this runs belonged to the old in-process queue, which
no longer exists: they are failed with a message asking for the file again (nothing of
them was imported; their import ran in one transaction). Finished jobs' bytes are no
longer needed and go with the column.
"""

from django.db import migrations, models
from django.utils import timezone

import commonground.places.models

MESSAGE = ("Common Ground was upgraded while this file waited to be imported, so nothing was "
           "imported. Upload the file again.")


def fail_waiting_jobs(apps, schema_editor):
    ImportJob = apps.get_model("places", "ImportJob")
    for job in ImportJob.objects.filter(status__in=["queued", "running", "saving"]):
        job.status = "failed"
        job.progress = 100
        job.finished_at = timezone.now()
        job.problems = [{"file": job.file_name, "line": None, "field": None, "message": MESSAGE}]
        job.save(update_fields=["status", "progress", "finished_at", "problems"])


class Migration(migrations.Migration):

    dependencies = [
        ('places', '0002_datasets_values_custom_areas_jobs'),
    ]

    operations = [
        migrations.AddField(
            model_name='importjob',
            name='upload',
            field=models.FileField(blank=True, max_length=200, upload_to=commonground.places.models.upload_path),
        ),
        migrations.RunPython(fail_waiting_jobs, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='importjob',
            name='content',
        ),
    ]
