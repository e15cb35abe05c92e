"""How much of the library has its Welsh: per sort of record, how many have the Welsh of
their main fields (title and summary; a case study's outcomes, reason for its strength of
evidence and notes too; an influence's name; a family group's name and, where it has one,
summary)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from commonground.library.bilingual import coverage


class Command(BaseCommand):
    help = "Count the library's records that have their Welsh."

    def handle(self, *args: Any, **options: Any) -> None:
        total_with = total = 0
        for label, with_welsh, count, fields in coverage():
            share = f"{100 * with_welsh / count:.0f}%" if count else "-"
            self.stdout.write(f"{label}: {with_welsh} of {count} ({share}) with Welsh "
                              f"{' and '.join(fields)}")
            total_with, total = total_with + with_welsh, total + count
        self.stdout.write(f"all: {total_with} of {total}")
