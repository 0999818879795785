module github.com/parity-sec/parity

go 1.26.8
