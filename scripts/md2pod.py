#!/usr/bin/env python3
"""Turns docs/department-file.md into POD for the man page
oncoroster-department(5): headings, paragraphs, indented examples, lists
and the tables of keys (each row an item: the key, what it means, its
default).  Only the Markdown that page uses.

    md2pod.py NAME "ONE-LINE SUMMARY" < page.md > page.pod
"""
import re
import sys


def escape(text):
    return text.replace("<", "E<lt>").replace(">", "E<gt>")


def inline(text):
    """`code`, **bold** and [links](to) as POD, the rest escaped."""
    out, pos = [], 0
    for m in re.finditer(r"`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)]+)\)", text):
        out.append(escape(text[pos:m.start()]))
        if m.group(1) is not None:
            out.append("C<< " + m.group(1).replace(">", "E<gt>") + " >>")
        elif m.group(2) is not None:
            out.append("B<" + escape(m.group(2)) + ">")
        else:
            out.append(escape(m.group(3)) + " (" + escape(m.group(4)) + ")")
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def main():
    name, summary = sys.argv[1], sys.argv[2]
    lines = sys.stdin.read().split("\n")
    out = [f"=head1 NAME\n\n{name} - {summary}\n"]
    i, para = 0, []

    def flush():
        if para:
            out.append(inline(" ".join(para)) + "\n")
            para.clear()

    while i < len(lines):
        line = lines[i]
        if line.startswith("# "):
            flush()
            out.append("=head1 DESCRIPTION\n")
        elif line.startswith("## ") or line.startswith("### "):
            flush()
            level = 1 if line.startswith("## ") else 2
            out.append(f"=head{level} " + inline(line.split(" ", 1)[1]) + "\n")
        elif line.startswith("    ") and not para:
            block = []
            while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
                block.append(lines[i])
                i += 1
            while block and not block[-1].strip():
                block.pop()
            out.append("\n".join(block) + "\n")
            continue
        elif line.startswith("|"):
            flush()
            head = cells(line)
            i += 2  # the header and its rule
            out.append("=over 4\n")
            while i < len(lines) and lines[i].startswith("|"):
                row = cells(lines[i])
                out.append("=item " + inline(row[0]) + "\n")
                text = inline(row[1]) if len(row) > 1 else ""
                for label, cell in zip(head[2:], row[2:]):
                    if cell:
                        text += f" ({escape(label)}: " + inline(cell) + ")"
                out.append(text + "\n")
                i += 1
            out.append("=back\n")
            continue
        elif line.startswith("- "):
            flush()
            out.append("=over 2\n")
            while i < len(lines) and lines[i].startswith("- "):
                item = [lines[i][2:]]
                i += 1
                while i < len(lines) and lines[i].startswith("  ") and lines[i].strip():
                    item.append(lines[i].strip())
                    i += 1
                out.append("=item *\n\n" + inline(" ".join(item)) + "\n")
            out.append("=back\n")
            continue
        elif not line.strip():
            flush()
        else:
            para.append(line.strip())
        i += 1
    flush()
    out.append("=head1 SEE ALSO\n\noncoroster(1)\n")
    sys.stdout.write("=encoding utf8\n\n" + "\n".join(out))


main()
