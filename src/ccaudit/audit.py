"""L6: run_audit(root, …) → AuditResult. The one place that wires the layers; no typer, no printing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ccaudit import __version__
from ccaudit.checks import CHECKS
from ccaudit.engine.coverage import matches_clause
from ccaudit.engine.packs import check_rule_ids, load_packs, load_scale, pack_scopes
from ccaudit.engine.registry import Registry
from ccaudit.engine.runner import run_rules
from ccaudit.engine.scope import vocabulary_errors
from ccaudit.evidence import Evidence, load_evidence
from ccaudit.model.config import AuditConfig, Override, load_config
from ccaudit.model.declaration import ALL_CONTACT_POINT_KINDS, Declaration, load_declaration
from ccaudit.model.errors import ErrorSink, InputError, InputErrors
from ccaudit.model.location import Location
from ccaudit.model.result import AuditResult, Unit
from ccaudit.model.rule import RulePack
from ccaudit.model.waivers import Attestation, Waiver, load_attestations, load_waivers
from ccaudit.model.yamlio import inside
from ccaudit.scoring.aggregate import score_units
from ccaudit.scoring.indicators import compute_indicators, metric_errors
from ccaudit.scoring.scale import IndicatorScale, build_scales


def check_root(root: Path) -> None:
    """The audited path must be an existing directory."""
    if not root.exists():
        raise InputErrors([InputError(Location(str(root)), "does not exist", "give the path of an agency repository")])
    if not root.is_dir():
        raise InputErrors([InputError(Location(str(root)), "is not a directory",
                                      "give the repository directory (the one with ccaudit.yaml and declarations/)")])


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything an audit reads, validated."""

    config: AuditConfig
    packs: tuple[RulePack, ...]
    declaration: Declaration
    waivers: tuple[Waiver, ...]
    attestations: tuple[Attestation, ...]
    evidence: Evidence | None = None
    """Evidence files read (None when the repository has none)."""


def load_inputs(root: Path, overrides: Mapping[str, Override] | None = None, *, config_file: str | None = None,
                today: date | None = None, registry: Registry = CHECKS) -> Inputs:
    """Configuration, packs, declarations, waivers and attestations; all user mistakes collected and raised once."""
    check_root(root)
    sink = ErrorSink()
    try:
        config = load_config(root, overrides, config_file=config_file, today=today)
    except InputErrors as exc:
        sink.extend(exc.errors)
        config = AuditConfig(today=today or date.today())
    packs: tuple[RulePack, ...] = ()
    local: tuple[tuple[Path, str], ...] = ()
    try:
        source = config.sources.get("packs", "default")
        where = config.where("/packs") if source.startswith(config.config_file or "ccaudit.yaml") else Location(source)
        local = _local_pack_dirs(root, config, sink)
        packs = load_packs(config.packs, registry, where=where, local=local, concept_wording=config.concept_wording)
    except InputErrors as exc:
        sink.extend(exc.errors)
    declaration: Declaration | None = None
    try:
        declaration = load_declaration(root, max_file_bytes=config.max_file_bytes)
    except InputErrors as exc:
        sink.extend(exc.errors)
    evidence, evidence_errors = load_evidence(root, config.timezone, directory=config.evidence_dir,
                                              skip_bad_rows=config.skip_bad_rows, personal_data=config.personal_data)
    sink.extend(evidence_errors)
    waivers: tuple[Waiver, ...] = ()
    if config.waivers_file:
        try:
            waivers = load_waivers(root, config.waivers_file)
        except InputErrors as exc:
            sink.extend(exc.errors)
    attestations: tuple[Attestation, ...] = ()
    if config.attestations_file:
        try:
            attestations = load_attestations(root, config.attestations_file)
        except InputErrors as exc:
            sink.extend(exc.errors)
    if packs:
        rules = {r.id: r for p in packs for r in p.rules}
        for waiver in waivers:
            if waiver.rule in rules and rules[waiver.rule].gate:
                sink.add(waiver.where, f"rule '{waiver.rule}' is a gate and cannot be waived",
                         "gates protect clients' rights (consent, personal data, identification); fix the finding instead")
        for att in attestations:
            if att.rule in rules and not rules[att.rule].manual:
                sink.add(att.where, f"rule '{att.rule}' is checked by ccaudit and cannot be attested",
                         "attest only manual rules (`ccaudit rules list` marks them); fix or waive a checked rule")
        sink.extend(check_rule_ids(packs, [(a.rule, a.where) for a in attestations], "attestation"))
        sink.extend(check_rule_ids(packs, [(r, config.where("/tailoring/disabled")) for r in config.disabled], "tailoring"))
        sink.extend(check_rule_ids(packs, [(r, config.where(f"/tailoring/severity/{r}")) for r in config.severity],
                                   "tailoring"))
        sink.extend(check_rule_ids(packs, [(r, config.where(f"/tailoring/params/{r}")) for r in config.params], "tailoring"))
        sink.extend(check_rule_ids(packs, [(w.rule, w.where) for w in waivers], "waiver"))
    if declaration is not None:
        sink.extend(metric_errors(declaration, standard_scales()))
        if packs:
            sink.extend(vocabulary_errors(declaration, [p.name for p in packs], pack_scopes(local=local, loaded=packs)))
    sink.raise_if_any()
    assert declaration is not None
    return Inputs(config, packs, declaration, waivers, attestations, evidence if evidence.files else None)


def _local_pack_dirs(root: Path, config: AuditConfig, sink: ErrorSink) -> tuple[tuple[Path, str], ...]:
    """The repository's own pack directories (pack_dirs of ccaudit.yaml); each must exist inside the repository."""
    out = []
    for i, rel in enumerate(config.pack_dirs):
        path = root / rel
        if not inside(root, path):
            sink.add(config.where(f"/pack_dirs/{i}"), f"pack directory '{rel}' lies outside the repository",
                     "keep the agency's own packs inside the repository and give the path relative to it")
        elif not path.is_dir():
            sink.add(config.where(f"/pack_dirs/{i}"), f"pack directory '{rel}' does not exist",
                     "create it with one subdirectory per pack (pack.yaml and rule files), or remove it from pack_dirs")
        else:
            out.append((root, rel))
    return tuple(out)


def client_scenario_definition(packs: tuple[RulePack, ...]) -> str | None:
    """"per_service" when a selected overlay defines a client scenario within one service (A18): the agency's own
    act decides how it counts T1.6; None keeps the Standard's definition."""
    return next((p.scope.client_scenario for p in packs if p.scope.client_scenario), None)


def standard_scales() -> dict[str, IndicatorScale]:
    """The star bands of the standard pack (rules/standard/scale.yaml)."""
    return build_scales(load_scale().indicators)


Progress = Callable[[str, int, int], None]
"""progress(step, done, total): "load" 0/1 → 1/1, "rules" per rule, "score" 0/1 → 1/1."""


def run_audit(root: Path, overrides: Mapping[str, Override] | None = None, *, config_file: str | None = None,
              today: date | None = None, registry: Registry = CHECKS, progress: Progress | None = None) -> AuditResult:
    """Audit the repository at `root`. Raises InputErrors (exit 2) for any user mistake."""
    tick = progress or (lambda step, done, total: None)
    tick("load", 0, 1)
    inputs = load_inputs(root, overrides, config_file=config_file, today=today, registry=registry)
    tick("load", 1, 1)
    config, packs, declaration, waivers = inputs.config, inputs.packs, inputs.declaration, inputs.waivers
    scales = standard_scales()
    if config.clause:
        packs = tuple(replace(p, rules=tuple(r for r in p.rules if any(matches_clause(config.clause, r.clause, row)
                                                                        for row in r.rows))) for p in packs)
    findings = run_rules(packs, declaration, config, registry, waivers, inputs.attestations, inputs.evidence,
                         on_rule=lambda done, total: tick("rules", done, total))
    tick("score", 0, 1)
    indicators = compute_indicators(declaration, config, scales, inputs.evidence, client_scenario_definition(packs))
    rules = {r.id: r for p in packs for r in p.rules}
    scores = score_units(declaration, findings, indicators, rules, scales, config)
    tick("score", 1, 1)
    points = sorted(declaration.contact_points(),
                    key=lambda p: (ALL_CONTACT_POINT_KINDS.index(p.contact_kind or "portal"), p.ref.id))
    agency = declaration.agency
    return AuditResult(
        version=__version__,
        config=config,
        packs=packs,
        agency=Unit(agency.ref, agency.title, "agency", agency.where.path),
        points=tuple(Unit(p.ref, p.title, p.contact_kind or "", p.where.path) for p in points),
        findings=findings,
        scores=scores,
        indicators=indicators,
        waivers=waivers,
        expired_waivers=tuple(w for w in waivers if w.expires < config.as_of),
        attestations=inputs.attestations,
        evidence_files=tuple((f.path, f.rows, f.skipped) for f in inputs.evidence.files.values()) if inputs.evidence else (),
    )
