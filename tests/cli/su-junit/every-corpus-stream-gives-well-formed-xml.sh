# The default output parses with xmllint, whatever the stream holds
# (control characters, invalid UTF-8, damage, binary attachments).
command -v xmllint >/dev/null || fail "xmllint is needed (apt-get install libxml2-utils)"
for input in "$CORPUS"/*/input.v2 "$CORPUS"/*/input.v1; do
  su-junit "$input" > out.xml 2>/dev/null
  st=$?
  [ "$st" -le 1 ] || fail "exit $st on $input"
  xmllint --noout out.xml 2> lint.err || { cat lint.err; fail "not well-formed: $input"; }
done
