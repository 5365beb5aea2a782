"""Results rendered for people: text, tables (Markdown, CSV, LaTeX) and plots, one function per result type."""
