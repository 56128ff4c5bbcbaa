"""The engine's shape: the pipeline's imports have no circle, no UI in qa/, and one registry, IDF and sentence table."""
import ast
import pathlib

import yaml

from qa.check import knowledge

QA = pathlib.Path(__file__).resolve().parents[1] / "qa"
DATA = pathlib.Path(__file__).resolve().parent / "data"


def _module_graph() -> dict[str, set[str]]:
    """Every import of every module of qa/ (module level and inside functions), as module -> modules."""
    mods = {}
    for path in QA.rglob("*.py"):
        name = ".".join(("qa",) + path.relative_to(QA).with_suffix("").parts)
        mods[name.removesuffix(".__init__")] = path
    graph = {m: set() for m in mods}
    for m, path in mods.items():
        pkg = m if path.name == "__init__.py" else m.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                parts = pkg.split(".")[: len(pkg.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
                for alias in node.names:
                    target = f"{base}.{alias.name}" if f"{base}.{alias.name}" in mods else base
                    if target in mods and target != m and target != "qa":
                        graph[m].add(target)
    return graph


def test_no_import_circle_in_the_engine():
    graph, state, circles = _module_graph(), {}, []

    def visit(u, stack):
        state[u] = 1
        stack.append(u)
        for v in sorted(graph[u]):
            if state.get(v) == 1:
                circles.append(stack[stack.index(v):] + [v])
            elif not state.get(v):
                visit(v, stack)
        stack.pop()
        state[u] = 2
    for u in sorted(graph):
        if not state.get(u):
            visit(u, [])
    assert circles == []


def test_the_pipeline_runs_downhill():
    graph = _module_graph()
    # read -> retrieve -> evidence -> decide -> compose: no earlier step imports a later one
    order = ["qa.text", "qa.names", "qa.reading", "qa.sentences", "qa.index", "qa.evidence", "qa.relevance",
             "qa.engine"]
    for i, module in enumerate(order):
        later = set(order[i + 1:])
        assert not (graph[module] & later), f"{module} imports {graph[module] & later}"


def test_one_name_registry_one_idf_one_sentence_table(engine):
    kb = knowledge(engine)
    assert kb.registry is engine.names
    assert engine.evidence.names is engine.names and engine.reader.names is engine.names
    assert engine.stats.idf is engine.index.idf and engine.evidence.idf is engine.index.idf
    assert kb.idf("trastuzumab") == engine.index.idf["trastuzumab"]
    units = engine.sentences.units
    assert len(engine.index.sentence_tokens) == len(units)        # the sentence index is the table
    assert all(units[s.unit].text == s.text for s in kb.sentences)  # the checker reads the same units
    assert {s.passage for s in kb.sentences} == {u.passage for u in units if u.section != "references"}


def test_answer_does_not_depend_on_k(engine):
    for name in ("dev_questions.yaml", "fresh_questions.yaml"):
        for item in yaml.safe_load((DATA / name).read_text(encoding="utf-8")):
            one, ten = engine.ask(item["q"], 1), engine.ask(item["q"], 10)
            assert (one.found, one.sentence) == (ten.found, ten.sentence), item["id"]
            assert one.hits[:1] == ten.hits[:1]
