"""Where articles come from: fetching pages and feeds, parsing feeds, extracting article text,
and polling feeds on a schedule."""
