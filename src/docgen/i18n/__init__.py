"""Catalogs: the PO files translators edit, and the gate that checks them."""
