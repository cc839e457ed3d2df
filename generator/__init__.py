"""gkml：把县级住建部门的政务公开标准目录（YAML 记录）生成为可检索、适合手机阅读的静态网站。

The domain core (everything in this package except ``mkdocs_plugin`` and
``mkdocs_build``) never imports MkDocs, so it survives a move to another builder.
"""

__version__ = "0.1.0"
