"""Nothing of the tensions section is in the Django admin.

Reports, assessments, rumours, contacts, responses, trigger events and alerts are a
council's own; platform administrators see nothing of them (docs/tensions.md), and every
change goes through the council's pages and their audited services. Keep it so: register
no tensions model here.
"""
