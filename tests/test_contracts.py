"""Source contracts: every bundled source has its label, parser, view, sample writer and
vocabulary; the registries are derived from the contracts; a contract missing a part is caught;
and a toy source is added with four files and no change to the ETL's code."""
from __future__ import annotations

import re
import shutil

import pytest

from core import contracts
from core.contracts import ContractError, spec, spec_ids
from etl import contract_check, dictionary, vocabulary as vocab_mod
from etl.pipeline import parse_file
from etl.sources import SOURCES, sources
from helpers import REPO_ROOT, SheetSpec, located, values, write_xlsx
from metrics import data_status, methodology, provenance, series as series_mod

DOC = REPO_ROOT / "docs" / "adding-a-source.md"


@pytest.mark.parametrize("source_id", spec_ids())
def test_every_bundled_contract_is_complete(source_id):
    assert contract_check.problems(source_id) == []


def test_the_registries_are_derived_from_the_contracts():
    assert list(SOURCES) == spec_ids() == list(data_status.SOURCES)
    assert all(module.ID == source_id for source_id, module in SOURCES.items())
    assert {p.stem for p in contracts.DEFAULT_DIR.glob("*.toml")} == set(SOURCES)


def test_the_series_registry_and_labels_are_derived_from_the_contracts():
    declared = {name: s for source in spec_ids() for name, s in spec(source).series.items()}
    assert list(series_mod.SERIES) == list(declared) == list(provenance.SERIES_FIGURES)
    for name, s in declared.items():
        assert f"source = '{s.source}'" in series_mod.SERIES[name]
        assert all(f"'{m}'" in series_mod.SERIES[name] for m in s.measures)
        assert provenance.SERIES_FIGURES[name].measures == s.measures
        for lang in ("en", "ru", "kk"):
            assert methodology.series_label(name, lang) == s.labels[lang]
    assert series_mod.YEARLY_DENOMINATORS == {"children"}
    assert ("psc_cases_bullying", "psc_cases") in series_mod.PARTS
    # every series an indicator names is declared by a contract
    from metrics.catalogue import load_catalogue
    named = {x for i in load_catalogue() for x in (i.numerator, i.denominator) if x}
    assert named <= set(declared)


def test_the_data_dictionary_is_current_and_written_from_the_contracts():
    text = dictionary.DOC.read_text(encoding="utf-8")
    assert dictionary.current(text) == text, "run python -m etl.dictionary"
    generated = text.split(dictionary.BEGIN, 1)[1].split(dictionary.END, 1)[0]
    for source in spec_ids():
        contract = spec(source)
        assert f"### `{source}`: {contract.title('en')}" in generated
        assert all(f"| `{m}` |" in generated for m in contract.measures)


@pytest.fixture
def trees(tmp_path, monkeypatch):
    specs, vocab = tmp_path / "sources", tmp_path / "vocabulary"
    shutil.copytree(contracts.DEFAULT_DIR, specs)
    shutil.copytree(vocab_mod.DEFAULT_DIR, vocab)
    monkeypatch.setenv(contracts.DIR_ENV, str(specs))
    monkeypatch.setenv(vocab_mod.DIR_ENV, str(vocab))
    return specs, vocab


@pytest.mark.parametrize("drop, named", [('\nview = "suicide_counts"', "view"), ('\nsample = "kpssu"', "sample"),
                                         ('\nkk = "Кәмелетке', "kk"),
                                         ('\nlabel.ru = "завершённые', "[series.suicides_completed] lacks a label in ru"),
                                         ('\nlabel = { en = "suicide attempts"',
                                          "[measures.attempts] lacks a label in en, ru, kk")])
def test_a_contract_lacking_a_label_view_or_sample_fails(trees, drop, named):
    specs, _ = trees
    path = specs / "kpssu_summary.toml"
    text = path.read_text(encoding="utf-8")
    line = next(l for l in text.splitlines(keepends=True) if ("\n" + l).startswith(drop))
    path.write_text(text.replace(line, ""), encoding="utf-8")
    with pytest.raises(ContractError) as caught:
        spec("kpssu_summary")
    assert named in str(caught.value) and str(path) in str(caught.value)


def test_a_view_that_does_not_exist_or_a_measure_without_wording_is_caught(trees, tmp_path):
    specs, vocab = trees
    path = specs / "helpline_111.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('view = "helpline_111"', 'view = "helpline"'),
                    encoding="utf-8")
    words = vocab / "population.toml"
    text = words.read_text(encoding="utf-8")
    entry = '[measures.population]\nru = ["населен"]\nkk = ["халық"]\nen = ["population"]\nyields_to = ["children"]\n'
    assert entry in text
    words.write_text(text.replace(entry, ""), encoding="utf-8")
    assert any("view 'helpline' has no file" in p for p in contract_check.problems("helpline_111"))
    assert any("measure 'population' has no wording" in p for p in contract_check.problems("population"))


TOY_SPEC = '''id = "foster_care"
order = 8
parser = "region_columns"
view = "foster_care"
sample = "foster_care"
period_kind = "snapshot"
required = ["families", "children"]

[title]
en = "Foster families by region"
ru = "Приёмные семьи по регионам"
kk = "Өңірлер бойынша қабылдаушы отбасылар"

[measures.families]
label = { en = "foster families", ru = "приёмные семьи", kk = "қабылдаушы отбасылар" }
unit = "families"
counts_children = false
range = [0, 20000]

[measures.children]
label = { en = "children in foster families", ru = "дети в приёмных семьях", kk = "қабылдаушы отбасылардағы балалар" }
unit = "persons"
counts_children = true
range = [0, 50000]

[series.foster_children]
measures = ["children"]
label.en = "children in foster families"
label.ru = "дети в приёмных семьях"
label.kk = "қабылдаушы отбасылардағы балалар"
'''
TOY_VOCABULARY = '''[detect]
min = 2

[[detect.group]]
ru = ["приемн", "патронат"]
kk = ["қабылдаушы"]
en = ["foster"]

[[detect.group]]
ru = ["семей", "семьи"]
kk = ["отбасы"]
en = ["famil"]

[ignore]
ru = ["регион", "область"]

[measures.families]
ru = ["семей"]
kk = ["отбасылар саны"]
en = ["families"]
yields_to = ["children"]

[measures.children]
ru = ["детей"]
kk = ["балалар"]
en = ["children"]
'''
TOY_VIEW = '''CREATE OR REPLACE VIEW foster_care AS
SELECT region_code, period_start AS as_of, measure, CAST(value AS BIGINT) AS value, source_file, source_cell
FROM figures WHERE source = 'foster_care' AND superseded_by IS NULL;
'''
TOY_SAMPLE = '''"""Sample foster-care table (illustrative figures)."""
import openpyxl


def write_foster_care(directory):
    book = openpyxl.Workbook()
    for row in (["Сведения о приёмных семьях по состоянию на 01.01.2025 (иллюстративные данные)"], [],
                ["Регион", "Количество приёмных семей", "Детей в приёмных семьях"], ["Акмолинская область", 120, 210]):
        book.active.append(row)
    path = directory / "foster_care_2025.xlsx"
    book.save(path)
    return [path]
'''


def test_a_toy_source_takes_four_files_and_no_code(trees, tmp_path, today):
    specs, vocab = trees
    views, samples = tmp_path / "views", tmp_path / "sample"
    views.mkdir()
    samples.mkdir()
    touched = [specs / "foster_care.toml", vocab / "foster_care.toml"]
    touched[0].write_text(TOY_SPEC, encoding="utf-8")
    touched[1].write_text(TOY_VOCABULARY, encoding="utf-8")
    missing = contract_check.problems("foster_care", views_dir=views, sample_dir=samples)
    assert any("view 'foster_care' has no file" in p for p in missing)
    assert any("sample writer 'foster_care' has no file" in p for p in missing)
    touched += [views / "foster_care.sql", samples / "foster_care.py"]
    touched[2].write_text(TOY_VIEW, encoding="utf-8")
    touched[3].write_text(TOY_SAMPLE, encoding="utf-8")
    assert contract_check.problems("foster_care", views_dir=views, sample_dir=samples) == []

    assert "foster_care" in sources() and spec_ids()[-1] == "foster_care"
    # the series registry and the data dictionary take it from the contract alone
    assert "source = 'foster_care'" in series_mod.registry()["foster_children"]
    assert "### `foster_care`: Foster families by region" in dictionary.section()
    grid = [["Сведения о приёмных семьях по состоянию на 01.01.2025"], [],
            ["Регион", "Количество приёмных семей", "Детей в приёмных семьях"],
            ["Акмолинская область", 120, 210], ["г. Алматы", 300, 480]]
    outcome = parse_file(write_xlsx(tmp_path / "foster.xlsx", SheetSpec(grid)), today=today)
    assert outcome.status == "loaded", located(outcome)
    assert outcome.parsed.source == "foster_care"
    assert values(outcome) == {("KZ-11", "families", "@2025-01-01"): 120, ("KZ-11", "children", "@2025-01-01"): 210,
                               ("KZ-75", "families", "@2025-01-01"): 300, ("KZ-75", "children", "@2025-01-01"): 480}
    # the guide says how many files a new source takes: the number measured here
    stated = re.search(r"\*\*(\d+) files\*\*", DOC.read_text(encoding="utf-8"))
    assert stated and int(stated.group(1)) == len(touched) == 4
