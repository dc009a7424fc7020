f="$CORPUS/v1-multipart-chunked/input.v1"
size=$(wc -c < "$f")
i=0
while [ $i -le "$size" ]; do
  head -c $i "$f" > cut.v1
  timeout 5 su-upgrade cut.v1 > /dev/null 2>err
  st=$?
  [ $st -eq 0 ] || { echo "exit $st at $i bytes"; cat err; exit 1; }
  i=$((i + 7))
done
