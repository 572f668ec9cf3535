"""Charts: pure functions from query rows to plotly Figures."""
