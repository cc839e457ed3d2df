"""gkml：把县级住建部门的政务公开标准目录（YAML 记录）生成为可检索、适合手机阅读的静态网站。

Only ``generator.adapters`` imports a site builder (``adapters.mkdocs``: the MkDocs plugin and
build; ``adapters.zensical``). The domain core (``model``, ``load``, ``check``, ``site``,
``exchange``, ``edit``) and the command line (``commands``) never do, so gkml survives a move to
another builder. generator/ARCHITECTURE.md describes the layers.
"""

__version__ = "0.1.0"
