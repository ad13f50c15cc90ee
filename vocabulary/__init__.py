"""The product's words every layer may import: card verbs and card actions (standard library only)."""
