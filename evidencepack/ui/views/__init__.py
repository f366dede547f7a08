"""The app's pages, one module each; each has ``render()`` (the principle page takes the principle's key)."""
