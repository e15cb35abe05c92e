"""Demo forum content: conversations among the demo people (accounts/demo.py).

The regional forums themselves come from a migration (they exist on every install);
this adds members and a few threads to the North West forum, a closed group with a
request waiting, and the private "Greater Manchester cohesion leads" group of the
Trafford and Manchester officers. Rows are written directly with past dates, so the
threads read as a real conversation (the services would date them now and apply the
new-account limits); each thread is then indexed for search. Idempotent: groups are
keyed by slug, threads by group and title.
"""

from __future__ import annotations

import datetime
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import User
from commonground.forums.indexing import index_thread
from commonground.forums.models import (
    Group,
    GroupMembership,
    MemberRole,
    MemberStatus,
    Post,
    Thread,
    Visibility,
)

OLIVIA = "officer@trafford.example"
ARJUN = "analyst@trafford.example"
BEN = "officer@manchester.example"
PRIYA = "partner@gmp.example"
DANIEL = "faith@trafford-faith.example"

GROUPS = [
    # slug, name, visibility, summary, about, {email: role}, pending emails
    ("greater-manchester-cohesion-leads", "Greater Manchester cohesion leads",
     Visibility.PRIVATE,
     "Cohesion leads of the Greater Manchester councils, planning joint work.",
     "A private space for the cohesion leads of Greater Manchester's councils.\n\n"
     "- Meetings: first Tuesday of the month, rotating between town halls\n"
     "- Shared actions: [tension monitoring](/library/actions/"
     "tension-monitoring-and-contingency-planning/) and "
     "[working with neighbourhood policing](/library/actions/work-with-neighbourhood-policing/)\n"
     "\nAsk Olivia Okafor (Trafford) to add a colleague.",
     {OLIVIA: MemberRole.MANAGER, BEN: MemberRole.MEMBER}, []),
    ("hate-crime-reporting-network", "Hate crime reporting network", Visibility.CLOSED,
     "Councils, police and community groups running third-party reporting centres.",
     "For people who run or support hate crime third-party reporting centres. "
     "Members share training materials, referral routes and what encourages reporting.",
     {PRIYA: MemberRole.MANAGER, OLIVIA: MemberRole.MEMBER}, [DANIEL]),
]

NORTH_WEST_MEMBERS = [OLIVIA, ARJUN, BEN, PRIYA, DANIEL]

# group slug, title, days ago, [(author, hours after the first post, body)], pinned
THREADS = [
    ("north-west", "Running ESOL conversation clubs with volunteers", 12, [
        (OLIVIA, 0,
         "We are setting up informal English conversation clubs alongside the college's "
         "[ESOL classes](/library/actions/promote-esol-classes/), run by volunteers in "
         "libraries.\n\nHas anyone trained volunteers for this? What did you cover, and how "
         "did you keep people coming after the first few weeks?"),
        (DANIEL, 5,
         "Our faith forum hosts two clubs in community centres. What helped most:\n\n"
         "- a short induction on safeguarding and on not acting as an interpreter\n"
         "- pairing a regular volunteer with each table, so faces stay familiar\n"
         "- tea and a shared activity (cooking, the allotment) rather than lessons"),
        (BEN, 26,
         "Manchester's libraries found attendance held up once clubs met at the same time "
         "as children's activities. Happy to share our volunteer handbook, "
         "@Olivia Okafor."),
    ], True),
    ("north-west", "Tension monitoring: what do you share with partners each week?", 6, [
        (BEN, 0,
         "We are reviewing our weekly [tension monitoring]"
         "(/library/actions/tension-monitoring-and-contingency-planning/) return. At the "
         "moment we share a RAG rating per ward with police and housing.\n\n"
         "What do others share, and how do you make sure community groups feed in?"),
        (PRIYA, 3,
         "From the police side: the ward rating is useful, but a short note of *why* it "
         "changed is what neighbourhood teams act on. We also find it helps to agree in "
         "advance what an amber rating triggers."),
        (OLIVIA, 20,
         "Trafford adds a line per ward from community reporters (faith and residents' "
         "groups). @Arjun Mehta built us a simple dashboard of the returns over time."),
    ], False),
    ("north-west", "Are your third-party hate crime reporting centres being used?", 3, [
        (PRIYA, 0,
         "Several of our third-party reporting centres took no reports last year. Before we "
         "close any, I'd like to hear what has worked elsewhere: training, publicity, "
         "location?"),
        (DANIEL, 8,
         "Places of worship had more reports once volunteers were trained to help people "
         "fill in the form there and then, rather than handing out a leaflet."),
    ], False),
    ("greater-manchester-cohesion-leads", "Joint approach to the summer events programme",
     2, [
        (OLIVIA, 0,
         "With the summer events coming up, shall we agree one approach to community "
         "messaging across both councils, so residents hear the same thing from us and "
         "from the police?"),
        (BEN, 4,
         "Yes. I'll bring our draft key messages to the next meeting; could Trafford bring "
         "the list of community contacts you use for reassurance visits?"),
    ], False),
    ("hate-crime-reporting-network", "Training pack for reporting centre volunteers", 9, [
        (PRIYA, 0,
         "Attached to the group's information is our current training outline. Comments "
         "welcome before we run the next session in the spring."),
        (OLIVIA, 30, "Thanks. Could we add a short section on online hate and where to "
                     "report it?"),
    ], False),
]


def _users() -> dict[str, User]:
    return {u.email: u for u in User.objects.filter(
        email__in=[OLIVIA, ARJUN, BEN, PRIYA, DANIEL])}


def _member(group: Group, user: User, role: str = MemberRole.MEMBER,
            status: str = MemberStatus.ACTIVE) -> None:
    GroupMembership.objects.update_or_create(group=group, user=user,
                                             defaults={"role": role, "status": status})


@transaction.atomic
def load(stdout: IO[str] | Any) -> list[str]:
    users = _users()
    if len(users) < 5:  # the accounts demo did not run; nothing to hang threads on
        return []
    # Made by migration 0002; keyed by its ONS code in case the slug was taken.
    groups = {"north-west": Group.objects.get(region_code="E12000002")}
    for email in NORTH_WEST_MEMBERS:
        _member(groups["north-west"], users[email])
    for slug, name, visibility, summary, about, roles, pending in GROUPS:
        group, _ = Group.objects.update_or_create(slug=slug, defaults={
            "name": name, "visibility": visibility, "summary": summary, "about": about,
            "created_by": users[next(iter(roles))]})
        for email, role in roles.items():
            _member(group, users[email], role)
        for email in pending:
            _member(group, users[email], status=MemberStatus.PENDING)
        groups[slug] = group
    now = timezone.now()
    for slug, title, days_ago, posts, pinned in THREADS:
        group = groups[slug]
        start = now - datetime.timedelta(days=days_ago)
        author = users[posts[0][0]]
        last = start + datetime.timedelta(hours=posts[-1][1])
        thread, created = Thread.objects.get_or_create(group=group, title=title, defaults={
            "author": author, "created_at": start, "last_post_at": last, "is_pinned": pinned})
        if created:
            Post.objects.bulk_create([
                Post(thread=thread, author=users[email], body=body, is_opening=(i == 0),
                     created_at=start + datetime.timedelta(hours=hours))
                for i, (email, hours, body) in enumerate(posts)])
        index_thread(thread)
    return ["", "Forums: the North West forum has demo threads; "
                "officer@trafford.example and officer@manchester.example are in the private "
                "group 'Greater Manchester cohesion leads'."]
