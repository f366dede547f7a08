"""The evidencepack Streamlit app (run it with ``evidencepack ui``). A face over the library: no rules here."""
