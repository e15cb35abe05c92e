"""Pages of the assessments section, split by feature: cohesion impact assessments
(``impact``) and the summary anyone can read (``public``)."""
