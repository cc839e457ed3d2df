"""Data in and out: the catalogue as the official Excel table, as CSV and as open data (JSON).

* :mod:`generator.exchange.table`: the columns of the national table layout, the one home
  of their header texts and of the variants found in real copies;
* :mod:`generator.exchange.cells`: a record's elements as the text of table cells, and back;
* :mod:`generator.exchange.export`: catalogue → .xlsx bytes, CSV text;
* :mod:`generator.exchange.opendata`: catalogue → JSON text, its JSON Schema, and JSON → records;
* :mod:`generator.exchange.importer`: .xlsx / .csv / .json → record files, with a report of
  every cell that cannot be mapped, located by sheet, row and column;
* :mod:`generator.commands.exchange`: the ``gkml import`` and ``gkml export`` commands.

Everything here is pure (no MkDocs); only the importer's last step writes files.
"""
