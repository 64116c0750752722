#!/usr/bin/env bash
# Copies the docs templates (templates/) to DEST, replacing each line
# {{/* shared "NAME" */}} with templates-shared/NAME.md.tmpl, so that what
# several pages say (the Import section of the resources) is written once.
# make docs and make docs-check run tfplugindocs on DEST. Usage: ROOT DEST
set -euo pipefail
root=$1 dest=$2
rm -rf "$dest"
mkdir -p "$dest"
cp -r "$root/templates/." "$dest/"
while IFS= read -r -d '' f; do
  awk -v shared="$root/templates-shared" '
    match($0, /^\{\{\/\* shared "[A-Za-z0-9_-]+" \*\/\}\}$/) {
      name = $0; sub(/^\{\{\/\* shared "/, "", name); sub(/" \*\/\}\}$/, "", name)
      file = shared "/" name ".md.tmpl"
      if ((getline line < file) <= 0) { print "docs-templates: " FILENAME " names " file ", which is missing" > "/dev/stderr"; exit 1 }
      do { print line } while ((getline line < file) > 0)
      close(file); next
    }
    { print }' "$f" > "$f.new"
  mv "$f.new" "$f"
done < <(find "$dest" -name '*.tmpl' -print0)
