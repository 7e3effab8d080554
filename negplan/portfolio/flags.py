"""The flags: the few things in a report that want a person's attention, drawn from the
finished sections with the thresholds stated in :mod:`negplan.portfolio.base`."""

from __future__ import annotations

from negplan.portfolio.base import (
    APPROVAL_PEAK,
    AT_AUTHORITY_SHARE,
    LEADS_SHARE,
    MIN_PLANS,
    OUTLIER_SHARE,
    Data,
)


def flags(report: Data) -> list[Data]:
    """Every flag, in section order: groups that stray, walk-aways clustering at the
    authority, owners who lead with a term not to lead with, approvers' peak weeks."""
    return [*_consistency(report), *_leaders(report), *_peaks(report)]


def _consistency(report: Data) -> list[Data]:
    out = []
    by = report["group_by"]
    for term in report["consistency"]["terms"]:
        for row in term["by_group"]:
            if row["plans"] < MIN_PLANS:
                continue
            for key in row["strays"]:
                out.append(
                    {
                        "kind": "median-strays",
                        "term": term["term"],
                        by: row["group"],
                        "position": key,
                        "text": f"{by} {row['group']}: the median {key.replace('_', '-')} on "
                        f"{term['term']} strays from the organisation's by more than "
                        f"{OUTLIER_SHARE:%} of the term's range",
                    }
                )
            at = row.get("at_authority_share")
            if _stands_out(term, row):
                out.append(
                    {
                        "kind": "walk-aways-at-authority",
                        "term": term["term"],
                        by: row["group"],
                        "share": at,
                        "text": f"{by} {row['group']}: {row['at_authority']} of "
                        f"{row['walk_aways']} walk-aways on {term['term']} sit exactly at the "
                        "rep's authority",
                    }
                )
    return out


def _stands_out(term: Data, row: Data) -> bool:
    """Most of a group's walk-aways on a numeric term sit at the authority, and not most of
    the rest of the organisation's (that is a playbook signal instead)."""
    at = row.get("at_authority_share")
    if not term["numeric"] or at is None or row["walk_aways"] < MIN_PLANS:
        return False
    org = term["org"]
    rest = org["walk_aways"] - row["walk_aways"]
    rest_at = org["at_authority"] - row["at_authority"]
    return bool(at > AT_AUTHORITY_SHARE and (rest == 0 or rest_at * 2 <= rest))


def _leaders(report: Data) -> list[Data]:
    return [
        {
            "kind": "leads-with-avoided-term",
            "owner": row["owner"],
            "share": row["share"],
            "text": f"owner {row['owner']}: {row['led']} of {row['plans']} plans lead with a "
            "term the strategy says not to lead with",
        }
        for row in report["patterns"]["by_owner"]
        if row["share"] is not None and row["share"] >= LEADS_SHARE
    ]


def _peaks(report: Data) -> list[Data]:
    return [
        {
            "kind": "approval-peak",
            "approver": row["approver"],
            "week": row["week"],
            "count": row["count"],
            "text": f"{row['approver']}: {row['count']} sign-offs wait for meetings in "
            f"{row['week']}",
        }
        for row in report["approvals"]["load"]
        if row["count"] >= APPROVAL_PEAK
    ]
