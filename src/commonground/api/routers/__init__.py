"""One router per app, each thin over that app's services, selectors and access functions."""
