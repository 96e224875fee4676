"""Renderers: results laid out for people (trình bày kết quả).

Data flows one way: the results (:mod:`dangvien.results`, the report) are
values; a renderer lays one out in a format and a language, and the command
writes what it returns.  JSON goes through :mod:`dangvien.output`; text
through :mod:`dangvien.render.text`.
"""
