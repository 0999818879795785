package collectors

import (
	"context"
	"errors"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	"github.com/parity-sec/parity/collectors/snapshot"
)

// S3 is read for two facts about log sinks only: which buckets the account
// owns (so a trail writing to a bucket of the other environment is visible)
// and the policy of the buckets trails and flow logs write to. No object is
// ever listed or read.

type s3API interface {
	ListBuckets(context.Context, *s3.ListBucketsInput, ...func(*s3.Options)) (*s3.ListBucketsOutput, error)
	GetBucketPolicy(context.Context, *s3.GetBucketPolicyInput, ...func(*s3.Options)) (*s3.GetBucketPolicyOutput, error)
}

type wireListBuckets struct {
	Buckets []struct {
		Name         string
		BucketRegion string
	}
}

type wireBucketPolicy struct {
	Policy snapshot.Document
}

type s3Export struct {
	Buckets wireListBuckets // s3api-list-buckets
}

func fetchS3(ctx context.Context, c s3API) (s3Export, error) {
	var ex s3Export
	pages := s3.NewListBucketsPaginator(c, &s3.ListBucketsInput{MaxBuckets: aws.Int32(1000)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return ex, wrap("list buckets", err)
		}
		var w wireListBuckets
		if err := recode(page, &w); err != nil {
			return ex, err
		}
		ex.Buckets.Buckets = append(ex.Buckets.Buckets, w.Buckets...)
	}
	return ex, nil
}

// fetchBucketPolicies reads the policies of the named buckets. A bucket
// without a policy answers NoSuchBucketPolicy, which is an answer, not a
// gap. client gives the client for a bucket's region: S3 redirects a
// request sent to another region.
func fetchBucketPolicies(ctx context.Context, client func(region string) s3API, buckets map[string]string) (map[string]wireBucketPolicy, error) {
	out := map[string]wireBucketPolicy{}
	var errs firstError
	for _, name := range sortedMapKeys(buckets) {
		res, err := client(buckets[name]).GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(name)})
		var api smithy.APIError
		if errors.As(err, &api) && api.ErrorCode() == "NoSuchBucketPolicy" {
			out[name] = wireBucketPolicy{}
			continue
		}
		if errs.add(wrap("get bucket policy", err)) {
			continue
		}
		doc, err := snapshot.DecodeDocument(aws.ToString(res.Policy))
		if errs.add(wrap("get bucket policy "+name, err)) {
			continue
		}
		out[name] = wireBucketPolicy{Policy: doc}
	}
	return out, errs.err
}

func sortedMapKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (ex s3Export) build() []snapshot.Bucket {
	out := make([]snapshot.Bucket, 0, len(ex.Buckets.Buckets))
	for _, b := range ex.Buckets.Buckets {
		out = append(out, snapshot.Bucket{Name: b.Name})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// bucketRegions maps owned bucket names to their regions ("" unknown).
func (ex s3Export) bucketRegions() map[string]string {
	m := make(map[string]string, len(ex.Buckets.Buckets))
	for _, b := range ex.Buckets.Buckets {
		m[b.Name] = b.BucketRegion
	}
	return m
}

// logSinkBuckets lists the buckets, among those the account owns, that a
// trail or an S3 flow log writes to: the only buckets whose policy parity
// reads.
func logSinkBuckets(s *snapshot.Snapshot) []string {
	owned := map[string]bool{}
	for _, b := range s.Logging.Buckets {
		owned[b.Name] = true
	}
	seen := map[string]bool{}
	for _, t := range s.Logging.Trails {
		if owned[t.S3Bucket] {
			seen[t.S3Bucket] = true
		}
	}
	for _, f := range s.Logging.FlowLogs {
		if name := BucketOfS3ARN(f.Destination); owned[name] {
			seen[name] = true
		}
	}
	return sortedKeys(seen)
}

// BucketOfS3ARN returns the bucket of "arn:<partition>:s3:::bucket/prefix",
// or "" for anything else.
func BucketOfS3ARN(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" || parts[2] != "s3" {
		return ""
	}
	name, _, _ := strings.Cut(parts[5], "/")
	return name
}
