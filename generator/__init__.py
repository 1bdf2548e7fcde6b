# SPDX-License-Identifier: Apache-2.0
"""The esock spec compiler: spec/*.yaml -> generated C++ and docs.

Pipeline: load (YAML with line numbers) -> validate (JSON Schema, then meaning)
-> model (dataclasses) -> render (Jinja2 templates, clang-format).
"""
