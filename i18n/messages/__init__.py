"""The string catalogue's texts, one module per feature; `i18n.catalogue` merges them."""
