package collectors

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/parity-sec/parity/collectors/snapshot/snapshottest/golden"
)

// recorder is a loopback server that counts the requests it receives and
// answers each with an empty 200, which is enough for the SDK to proceed.
type recorder struct {
	mu     sync.Mutex
	bodies []string
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.bodies = append(r.bodies, req.Header.Get("X-Amz-Target")+" "+req.URL.RawQuery)
	r.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.bodies)
}

// testConfig builds the configuration exactly as Collect does, pointed at
// endpoint with static test credentials.
func testConfig(t *testing.T, endpoint string) aws.Config {
	t.Helper()
	cfg, err := loadConfig(context.Background(), Options{
		EndpointURL: endpoint,
		loadOptions: []func(*config.LoadOptions) error{
			config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("testing", "testing", "")),
			config.WithRegion("eu-west-1"),
			config.WithSharedConfigFiles([]string{}),
			config.WithSharedCredentialsFiles([]string{}),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestAllowlistRefusesBeforeSending(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	cfg := testConfig(t, srv.URL)
	ctx := context.Background()

	forbidden := map[string]func() error{
		"secretsmanager GetSecretValue": func() error {
			_, err := secretsmanager.NewFromConfig(cfg).GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String("db")})
			return err
		},
		"secretsmanager BatchGetSecretValue": func() error {
			_, err := secretsmanager.NewFromConfig(cfg).BatchGetSecretValue(ctx, &secretsmanager.BatchGetSecretValueInput{SecretIdList: []string{"db"}})
			return err
		},
		"ssm GetParameter": func() error {
			_, err := ssm.NewFromConfig(cfg).GetParameter(ctx, &ssm.GetParameterInput{Name: aws.String("/db/pw"), WithDecryption: aws.Bool(true)})
			return err
		},
		"ssm GetParametersByPath": func() error {
			_, err := ssm.NewFromConfig(cfg).GetParametersByPath(ctx, &ssm.GetParametersByPathInput{Path: aws.String("/")})
			return err
		},
		"kms Decrypt": func() error {
			_, err := kms.NewFromConfig(cfg).Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: []byte("x")})
			return err
		},
		"kms GenerateDataKey": func() error {
			_, err := kms.NewFromConfig(cfg).GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: aws.String("k")})
			return err
		},
		"iam CreateRole": func() error {
			_, err := iam.NewFromConfig(cfg).CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("r"), AssumeRolePolicyDocument: aws.String("{}")})
			return err
		},
		"ec2 AuthorizeSecurityGroupIngress": func() error {
			_, err := ec2.NewFromConfig(cfg).AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String("sg-1")})
			return err
		},
		"cloudtrail StopLogging": func() error {
			_, err := cloudtrail.NewFromConfig(cfg).StopLogging(ctx, &cloudtrail.StopLoggingInput{Name: aws.String("t")})
			return err
		},
		"logs DeleteLogGroup": func() error {
			_, err := cloudwatchlogs.NewFromConfig(cfg).DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: aws.String("g")})
			return err
		},
	}
	for name, call := range forbidden {
		t.Run(name, func(t *testing.T) {
			before := rec.count()
			err := call()
			if !errors.Is(err, ErrNotAllowed) {
				t.Fatalf("want ErrNotAllowed, got %v", err)
			}
			op := strings.Fields(name)[1]
			if !strings.Contains(err.Error(), op) {
				t.Errorf("error %q does not name the operation %s", err, op)
			}
			if got := rec.count() - before; got != 0 {
				t.Errorf("server received %d requests for a refused call", got)
			}
		})
	}

	allowedCalls := map[string]func() error{
		"sts GetCallerIdentity": func() error {
			_, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			return err
		},
		"secretsmanager ListSecrets": func() error {
			_, err := secretsmanager.NewFromConfig(cfg).ListSecrets(ctx, &secretsmanager.ListSecretsInput{})
			return err
		},
		"kms GetKeyPolicy": func() error {
			_, err := kms.NewFromConfig(cfg).GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String("k")})
			return err
		},
	}
	for name, call := range allowedCalls {
		t.Run(name, func(t *testing.T) {
			before := rec.count()
			// The empty answer may not decode; only that the request was sent matters.
			if err := call(); errors.Is(err, ErrNotAllowed) {
				t.Fatalf("allowed call refused: %v", err)
			}
			if got := rec.count() - before; got != 1 {
				t.Errorf("server received %d requests, want 1", got)
			}
		})
	}
}

// TestAllowlistIsReadOnly guards the list itself: every entry is a real SDK
// operation (a typo would silently block collection) and none can write or
// read a value.
func TestAllowlistIsReadOnly(t *testing.T) {
	clients := map[string]reflect.Type{
		sts.ServiceID:            reflect.TypeOf(&sts.Client{}),
		iam.ServiceID:            reflect.TypeOf(&iam.Client{}),
		secretsmanager.ServiceID: reflect.TypeOf(&secretsmanager.Client{}),
		ssm.ServiceID:            reflect.TypeOf(&ssm.Client{}),
		kms.ServiceID:            reflect.TypeOf(&kms.Client{}),
		cloudtrail.ServiceID:     reflect.TypeOf(&cloudtrail.Client{}),
		cloudwatchlogs.ServiceID: reflect.TypeOf(&cloudwatchlogs.Client{}),
		ec2.ServiceID:            reflect.TypeOf(&ec2.Client{}),
		s3.ServiceID:             reflect.TypeOf(&s3.Client{}),
	}
	// An S3 object or a log event may hold anything, secrets included.
	valueReads := []string{"GetSecretValue", "BatchGetSecretValue", "GetParameter", "GetParameters", "GetParametersByPath", "GetParameterHistory", "Decrypt", "GenerateDataKey",
		"GetObject", "ListObjects", "ListObjectsV2", "GetLogEvents", "FilterLogEvents"}
	for _, op := range Allowlist() {
		typ, ok := clients[op.Service]
		if !ok {
			t.Errorf("%s %s: unknown service id", op.Service, op.Name)
			continue
		}
		if _, ok := typ.MethodByName(op.Name); !ok {
			t.Errorf("%s %s: no such operation in the SDK", op.Service, op.Name)
		}
		readOnly := strings.HasPrefix(op.Name, "Describe") || strings.HasPrefix(op.Name, "Get") || strings.HasPrefix(op.Name, "List") ||
			(op.Service == sts.ServiceID && op.Name == "AssumeRole")
		if !readOnly {
			t.Errorf("%s %s: not a read-only operation", op.Service, op.Name)
		}
		for _, v := range valueReads {
			if op.Name == v {
				t.Errorf("%s %s: reads a secret value", op.Service, op.Name)
			}
		}
	}
}

const policyFile = "policy/parity-readonly-policy.json"

// TestReadOnlyPolicyFile checks that the shipped policy is exactly what the
// allowlist generates; `go generate ./collectors` rewrites it.
func TestReadOnlyPolicyFile(t *testing.T) {
	want, err := ReadOnlyPolicy()
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, policyFile, want)
}
