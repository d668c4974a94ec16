"""The stage table (:mod:`attribution.extract.runner`): each stage names the Document fields it reads and
fills, those names are real fields, and the order is checked when the module loads."""

from __future__ import annotations

import dataclasses

import pytest

from attribution.document import Document
from attribution.extract import runner
from attribution.model import Quote


def _fields() -> set[str]:
    return ({f.name for f in dataclasses.fields(Document)} | {"text"}
            | {f"quotes.{f.name}" for f in dataclasses.fields(Quote)})


def test_stages_run_in_the_documented_order():
    assert [s.name for s in runner.STAGES] == ["marks", "direct", "reported", "woven", "carry-over", "speakers", "dates",
                                               "scores"]


@pytest.mark.parametrize("stage", runner.STAGES, ids=lambda s: s.name)
def test_needs_and_provides_name_document_fields(stage):
    assert stage.needs | stage.provides <= _fields(), (stage.needs | stage.provides) - _fields()


def test_annotation_provides_document_fields():
    assert runner.ANNOTATED <= _fields()


def test_a_stage_out_of_order_is_refused():
    swapped = (runner.STAGES[1], runner.STAGES[0], *runner.STAGES[2:])
    with pytest.raises(RuntimeError, match=r"stage direct needs \['inside_marks', 'marks'\] before it"):
        runner._check_order(swapped)
