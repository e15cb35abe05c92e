"""Invitation codes come in batches (one per mailing, optionally one ward's addresses), and a
used code says only that it was used: the time it was used, which could be matched with
the order responses came in, is dropped (codes already used stay used)."""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _keep_used(apps: Any, schema_editor: Any) -> None:
    invitation = apps.get_model("surveys", "Invitation")
    invitation.objects.filter(used_at__isnull=False).update(used=True)


class Migration(migrations.Migration):

    dependencies = [
        ('places', '0004_area_council_and_welsh_name'),
        ('surveys', '0002_weightings'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='invitation',
            name='used',
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(_keep_used, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='invitation',
            name='used_at',
        ),
        migrations.CreateModel(
            name='InvitationBatch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('size', models.PositiveIntegerField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('ward', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='places.area')),
                ('wave', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitation_batches', to='surveys.wave')),
            ],
            options={
                'ordering': ['pk'],
            },
        ),
        migrations.AddField(
            model_name='invitation',
            name='batch',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='surveys.invitationbatch'),
        ),
    ]
