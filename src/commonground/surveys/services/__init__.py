"""Every write of the surveys app: waves (``waves``), imports of responses
(``imports``), and the end of raw responses' retention (``retention``)."""
