"""L2: rule machinery (registry, packs, selection, runner). Imports model only."""
