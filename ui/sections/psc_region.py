"""The PSC page's region selector: the nation or one region, for every chart that can show one."""
from __future__ import annotations

from metrics.regions import regions as db_regions
from metrics import psc
from metrics.indicators import NATION
from ui import formats, permalink
from ui.page import Context


def render(ctx: Context) -> None:
    _ = ctx._
    ctx.require(psc.snapshots(ctx.db))
    names = {region.code: region.name(ctx.lang) for region in db_regions(ctx.db)}
    codes = sorted(names, key=lambda c: formats.sort_key(names[c], ctx.lang))
    place_names = {NATION: _("Kazakhstan (all centres)"), **names}
    region = permalink.selectbox(_("Region"), [NATION, *codes], key="region", format_func=place_names.get)
    ctx.chosen.update(region=region, region_code=None if region == NATION else region, region_names=names,
                      place_names=place_names)
