#!/usr/bin/env bash
# Runs a preset on the current sources of its project at a pinned commit and
# prints findings per 10 kLOC (docs/conventions/measurements.md).
#   scripts/soak-presets.sh <yieldcheck> <workdir> [libssh2|nginx|curl|mbedtls]...
# Clones into <workdir> (never into the repository); needs git, network and,
# for curl, cmake (to write curl_config.h and a compile database).
set -euo pipefail
yc=$(realpath "$1"); work=$2; shift 2
mkdir -p "$work"; cd "$work"
checkout() { # name url commit
  [ -d "$1" ] || git clone -q "$2" "$1"
  git -C "$1" checkout -q "$3"
}
report() { # name preset loc-files... (reads $out)
  local name=$1 loc=$2 out=$3 err=$4
  local n; n=$(grep -cE '^/.*: (warning|error): ' "$out" || true)
  echo "$name: $(tail -1 "$err")"
  awk -v n="$n" -v l="$loc" -v p="$name" \
    'BEGIN { printf "%s: %d findings in %d lines: %.1f per 10 kLOC\n", p, n, l, n * 10000 / l }'
}
projects=("$@")
[ ${#projects[@]} -gt 0 ] || projects=(libssh2 nginx curl)
for project in "${projects[@]}"; do
  case $project in
  libssh2)
    checkout libssh2 https://github.com/libssh2/libssh2 250045f77ad9c906f65d9071d134bf9f8f9652db
    cd libssh2/src
    printf '%s\n' HAVE_UNISTD_H HAVE_INTTYPES_H HAVE_SYS_SELECT_H HAVE_SYS_UIO_H \
      HAVE_SYS_SOCKET_H HAVE_SYS_IOCTL_H HAVE_SYS_TIME_H HAVE_SYS_UN_H \
      HAVE_ARPA_INET_H HAVE_NETINET_IN_H HAVE_FCNTL_H HAVE_GETTIMEOFDAY \
      HAVE_STRTOLL HAVE_SNPRINTF HAVE_O_NONBLOCK HAVE_POLL LIBSSH2_OPENSSL \
      | sed 's/.*/#define & 1/' > libssh2_config.h
    files=$(ls *.c | grep -vE '^(libgcrypt|mbedtls|os400qc3|wincng|openssl|bcrypt_pbkdf|blowfish|chacha|cipher-chachapoly|poly1305|version|agent_win)\.c$')
    "$yc" --preset libssh2 -j2 $files -- -std=gnu11 -DHAVE_CONFIG_H -I. -I../include >../../libssh2.out 2>../../libssh2.err || true
    report libssh2 "$(cat $files | wc -l)" ../../libssh2.out ../../libssh2.err
    cd ../.. ;;
  nginx)
    checkout nginx https://github.com/nginx/nginx 3f6f7824d4e2eb1ac37dec76683d525ac0ff521c
    cd nginx
    [ -f objs/ngx_auto_config.h ] || ./auto/configure --without-http_rewrite_module \
      --without-http_gzip_module --without-pcre >/dev/null
    files=$(ls src/core/*.c src/event/*.c src/http/*.c src/http/modules/*.c src/os/unix/*.c |
      grep -vE 'win32|ngx_(linux_aio|solaris|freebsd|darwin|file_aio|thread|openssl|event_openssl|http_ssl|http_v2|http_v3|quic|http_grpc|http_perl|http_xslt|http_image|http_geoip|http_degradation|http_auth_request|http_dav|http_flv|http_mp4|http_random|http_secure|http_slice|http_stub|http_sub|http_addition|http_gunzip|http_realip|event_connectx|iocp|devpoll|eventport|kqueue|select|poll_module|http_huff|regex|acceptex|connectex|gzip|http_proxy_v2|http_rewrite|event_acceptex|event_connectex|http_gzip)')
    "$yc" --preset nginx -j2 $files -- -std=gnu11 -Isrc/core -Isrc/event -Isrc/event/modules \
      -Isrc/os/unix -Isrc/http -Isrc/http/modules -Iobjs >../nginx.out 2>../nginx.err || true
    report nginx "$(cat $files | wc -l)" ../nginx.out ../nginx.err
    cd .. ;;
  curl)
    checkout curl https://github.com/curl/curl 5c61e168698a72b87437d58ed728bcdea6d5db42
    cd curl
    [ -f bld/compile_commands.json ] || cmake -S . -B bld -DCURL_USE_LIBPSL=OFF \
      -DUSE_NGHTTP2=OFF -DCURL_BROTLI=OFF -DCURL_ZSTD=OFF -DUSE_LIBIDN2=OFF \
      -DCURL_USE_LIBSSH2=OFF -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
    files=$(ls lib/*.c lib/vtls/openssl.c lib/vtls/vtls.c)
    "$yc" --preset curl -j2 -p bld $files >../curl.out 2>../curl.err || true
    report curl "$(cat $files | wc -l)" ../curl.out ../curl.err
    cd .. ;;
  mbedtls)
    # 3.6 LTS: no submodules needed for the TLS library.
    checkout mbedtls https://github.com/Mbed-TLS/mbedtls v3.6.6
    cd mbedtls
    files=$(ls library/ssl*.c)
    "$yc" --preset mbedtls -j2 $files -- -std=c99 -Iinclude -Ilibrary >../mbedtls.out 2>../mbedtls.err || true
    report mbedtls "$(cat $files | wc -l)" ../mbedtls.out ../mbedtls.err
    cd .. ;;
  *) echo "unknown project $project" >&2; exit 2 ;;
  esac
done
