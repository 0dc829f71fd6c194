"""An import's report as lines of text, for the commands and the admin page."""


def report_lines(report) -> list[str]:
    data = report if isinstance(report, dict) else report.as_dict()
    lines = [f"  created {count} {what}" for what, count in sorted(data["created"].items())]
    lines += [f"  updated {count} {what}" for what, count in sorted(data["updated"].items())]
    lines.append(f"  {data['unchanged']} posts unchanged since the last run")
    lines += [f"  skipped {count} {what}" for what, count in sorted(data["skipped"].items())]
    lines.append(f"  {len(data['problems'])} problems" + (":" if data["problems"] else ""))
    lines += [f"    - {problem}" for problem in data["problems"]]
    return lines
