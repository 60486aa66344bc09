#!/usr/bin/env bash
# Puts the Apache Kafka broker's jars (tools/kafka/pom.xml) into a cache outside the repository, so
# the test harness can start a real broker without Docker. Prints the libs folder on stdout.
#
#   bash tools/kafka/fetch.sh            # fetch once; later runs return at once
#   AMAZON_CHANNEL_CACHE=/some/dir bash tools/kafka/fetch.sh
#
# Needs Java 17+ (to run the broker later), Maven and access to Maven Central. Safe to run from
# several processes at once: a lock serialises them and the folder appears only when complete.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pom="$here/pom.xml"
version="$(sed -n 's:.*<kafka.version>\([^<]*\)</kafka.version>.*:\1:p' "$pom" | head -n 1)"
if [[ -z "$version" ]]; then
  echo "fetch.sh: no <kafka.version> in $pom" >&2
  exit 1
fi

cache="${AMAZON_CHANNEL_CACHE:-$HOME/.cache/amazon-channel}"
home="$cache/kafka-$version"
libs="$home/libs"
marker="$home/.fetched"
# The marker holds the pom's hash: editing the pom (another dependency, say) fetches again.
want="$(sha256sum "$pom" | cut -d' ' -f1)"

fetched() { [[ -f "$marker" && "$(cat "$marker")" == "$want" && -d "$libs" ]]; }

if fetched; then
  echo "$libs"
  exit 0
fi

for tool in mvn java; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "fetch.sh: '$tool' is not on PATH; the Kafka broker for the tests needs Java 17+ and Maven" >&2
    exit 1
  fi
done

mkdir -p "$home"
exec 9>"$home/.lock"
flock 9
# Another process may have finished the fetch while this one waited for the lock.
if fetched; then
  echo "$libs"
  exit 0
fi

staging="$home/libs.partial"
rm -rf "$staging"
echo "fetch.sh: fetching Apache Kafka $version jars with Maven into $libs" >&2
# Maven's output is shown only when it fails: stdout carries the folder name alone.
if ! mvn_out="$(mvn -q -B -Dstyle.color=never -f "$pom" dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$staging" 2>&1)"; then
  printf '%s\n' "$mvn_out" >&2
  echo "fetch.sh: Maven could not fetch Apache Kafka $version (is Maven Central reachable?)" >&2
  exit 1
fi
if ! ls "$staging"/kafka_2.13-"$version".jar >/dev/null 2>&1; then
  echo "fetch.sh: Maven finished but kafka_2.13-$version.jar is missing from $staging" >&2
  exit 1
fi
rm -rf "$libs"
mv "$staging" "$libs"
echo "$want" >"$marker"
echo "$libs"
