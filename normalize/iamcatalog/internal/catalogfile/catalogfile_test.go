package catalogfile

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func sample() []Service {
	return []Service{
		{Prefix: "iam", Actions: []string{"PassRole"}, ResourceTypes: [][]string{{"role"}}},
		{Prefix: "inspector2", Actions: []string{"x"}, ResourceTypes: [][]string{{"cis scan configuration"}}},
		{Prefix: "none", Actions: []string{"a"}},
		{Prefix: "s3", Actions: []string{"GetObject", "ListAllMyBuckets", "PutBucketAbc", "PutBucketACL"},
			ResourceTypes: [][]string{{"accesspointobject", "object"}, nil, {"bucket"}, {"Bucket", "bucket"}}},
		{Prefix: "zero"},
	}
}

func TestRoundTrip(t *testing.T) {
	in := sample()
	b, err := Encode(in)
	if err != nil {
		t.Fatal(err)
	}
	const want = "iamcatalog 1\n" +
		"@iam\trole\nPassRole\t0\n" +
		"@inspector2\tcis scan configuration\nx\t0\n" +
		"@none\na\n" +
		"@s3\tBucket\taccesspointobject\tbucket\tobject\nGetObject\t1\t3\nListAllMyBuckets\nPutBucketAbc\t2\nPutBucketACL\t0\t2\n" +
		"@zero\n"
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("Encode (-want +got):\n%s", diff)
	}
	out, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	for i := range in {
		in[i].Lower = nil
		for _, a := range in[i].Actions {
			in[i].Lower = append(in[i].Lower, strings.ToLower(a))
		}
		if len(in[i].ResourceTypes) == 0 && len(in[i].Actions) > 0 {
			in[i].ResourceTypes = make([][]string, len(in[i].Actions))
		}
	}
	if diff := cmp.Diff(in, out); diff != "" {
		t.Errorf("Decode(Encode(x)) (-x +got):\n%s", diff)
	}
}

func TestEncodeRejects(t *testing.T) {
	tests := []struct {
		name     string
		services []Service
		want     string
	}{
		{"services unsorted", []Service{{Prefix: "s3"}, {Prefix: "iam"}}, "not sorted"},
		{"service twice", []Service{{Prefix: "s3"}, {Prefix: "s3"}}, "not sorted"},
		{"upper-case prefix", []Service{{Prefix: "S3"}}, "service prefix"},
		{"actions unsorted", []Service{{Prefix: "s3", Actions: []string{"b", "A"}}}, "not sorted"},
		{"case duplicate", []Service{{Prefix: "s3", Actions: []string{"Get", "GET"}}}, "not sorted"},
		{"action with space", []Service{{Prefix: "s3", Actions: []string{"Get Object"}}}, "want letters"},
		{"action with @", []Service{{Prefix: "s3", Actions: []string{"@x"}}}, "want letters"},
		{"empty action", []Service{{Prefix: "s3", Actions: []string{""}}}, "want letters"},
		{"resource type with tab", []Service{{Prefix: "s3", Actions: []string{"a"}, ResourceTypes: [][]string{{"a\tb"}}}}, "printable"},
		{"resource type with newline", []Service{{Prefix: "s3", Actions: []string{"a"}, ResourceTypes: [][]string{{"a\nb"}}}}, "printable"},
		{"resource types unsorted", []Service{{Prefix: "s3", Actions: []string{"a"}, ResourceTypes: [][]string{{"b", "a"}}}}, "not ascending"},
		{"resource types length", []Service{{Prefix: "s3", Actions: []string{"a", "b"}, ResourceTypes: [][]string{nil}}}, "resource type lists"},
		{"non-ASCII", []Service{{Prefix: "s3", Actions: []string{"a"}, ResourceTypes: [][]string{{"é"}}}}, "printable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Encode(tt.services)
			if err == nil {
				t.Fatalf("Encode succeeded:\n%s", b)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "final newline"},
		{"no final newline", "iamcatalog 1", "final newline"},
		{"wrong header", "iamcatalog 2\n", "header"},
		{"action first", "iamcatalog 1\nGetObject\n", "before the first service"},
		{"blank line", "iamcatalog 1\n@s3\n\n", "want letters"},
		{"index out of range", "iamcatalog 1\n@s3\tobject\nGetObject\t1\n", "want 0..0"},
		{"index without table", "iamcatalog 1\n@s3\nGetObject\t0\n", "want 0..-1"},
		{"index leading zero", "iamcatalog 1\n@s3\ta\tb\nGetObject\t01\n", "index"},
		{"index sign", "iamcatalog 1\n@s3\ta\tb\nGetObject\t+1\n", "index"},
		{"index empty", "iamcatalog 1\n@s3\ta\nGetObject\t\n", "index"},
		{"index repeated", "iamcatalog 1\n@s3\ta\tb\nGetObject\t1\t1\n", "not ascending"},
		{"table unsorted", "iamcatalog 1\n@s3\tb\ta\n", "not sorted"},
		{"table empty name", "iamcatalog 1\n@s3\t\n", "empty resource type"},
		{"empty prefix", "iamcatalog 1\n@\n", "service prefix"},
		{"control byte", "iamcatalog 1\n@s3\x00\n", "ASCII"},
		{"carriage return", "iamcatalog 1\r\n", "ASCII"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.in))
			if err == nil {
				t.Fatal("Decode succeeded")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

// FuzzDecode checks that Decode never panics and that whatever it accepts
// re-encodes to the same bytes: the format has one spelling per catalog,
// except for resource types no action names, which Encode drops.
func FuzzDecode(f *testing.F) {
	b, err := Encode(sample())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("iamcatalog 1\n"))
	f.Add([]byte("iamcatalog 1\n@s3\tunused\tobject\nGetObject\t1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		services, err := Decode(data)
		if err != nil {
			return
		}
		again, err := Encode(services)
		if err != nil {
			t.Fatalf("Encode(Decode(x)): %v", err)
		}
		services2, err := Decode(again)
		if err != nil {
			t.Fatalf("Decode(Encode(Decode(x))): %v", err)
		}
		if diff := cmp.Diff(services, services2); diff != "" {
			t.Fatalf("Decode(Encode(Decode(x))) (-first +second):\n%s", diff)
		}
		if !bytes.Contains(data, []byte(Header)) {
			t.Fatal("accepted a file without the header")
		}
	})
}
