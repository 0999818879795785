#!/usr/bin/env bash
# export-aws.sh: write the AWS CLI exports that `parity snapshot --from-dir`
# reads, for teams that cannot hand parity credentials.
#
#   export-aws.sh DIR [REGION ...]        # default: the configured region
#   export-aws.sh DIR --all-regions
#
# Credentials, profile and endpoint come from the usual AWS CLI settings
# (AWS_PROFILE, AWS_ENDPOINT_URL, ...). Needs the AWS CLI (v1 or v2) and jq.
#
# It makes metadata-only calls (the same read-only operations parity's IAM
# policy allows): no secret value, parameter value or key material is read.
# A call that fails (e.g. AccessDenied) is reported on stderr and its file is
# left out; parity then records that service and region as "missing".
set -uo pipefail

die() { echo "export-aws.sh: $*" >&2; exit 2; }
warn() { echo "export-aws.sh: $*" >&2; }

[ $# -ge 1 ] || die "usage: export-aws.sh DIR [REGION ... | --all-regions]"
command -v aws >/dev/null || die "the AWS CLI is not on PATH"
command -v jq >/dev/null || die "jq is not on PATH"
dir=$1
shift
mkdir -p "$dir" || die "cannot create $dir"

# awsj runs one CLI call with JSON output; the CLI follows pagination itself.
awsj() {
	aws --output json "$@"
}

# save FILE ARGS...: write one operation's output to FILE, or nothing on failure.
save() {
	local out=$1
	shift
	if awsj "$@" >"$out.tmp"; then
		mv "$out.tmp" "$out"
	else
		rm -f "$out.tmp"
		warn "aws $* failed; $out left out"
	fi
}

# save_items FILE ARGS...: run ARGS once per id read from stdin, with {}
# replaced by the id, and write one JSON object mapping each id to its
# output. Ids are AWS names and ARNs, which never need JSON escaping.
save_items() {
	local out=$1
	shift
	local sep="" id
	printf '{' >"$out.tmp"
	while IFS= read -r id; do
		[ -n "$id" ] || continue
		printf '%s"%s":' "$sep" "$id" >>"$out.tmp"
		if ! awsj "${@//\{\}/$id}" >>"$out.tmp"; then
			rm -f "$out.tmp"
			warn "aws ${*//\{\}/$id} failed; $out left out"
			return 0
		fi
		sep=","
	done
	printf '}\n' >>"$out.tmp"
	mv "$out.tmp" "$out"
}

# ids FILE JQ: list ids from an exported file (nothing if it is missing).
ids() {
	[ -f "$1" ] && jq -r "$2" "$1"
}

regions=()
if [ "${1:-}" = "--all-regions" ]; then
	read -r -a regions <<<"$(awsj ec2 describe-regions --query 'Regions[].RegionName' --output text)" || die "describe-regions failed"
elif [ $# -gt 0 ]; then
	regions=("$@")
else
	r=${AWS_REGION:-${AWS_DEFAULT_REGION:-$(aws configure get region 2>/dev/null)}}
	[ -n "$r" ] || die "no region: pass regions or set AWS_REGION"
	regions=("$r")
fi

awsj sts get-caller-identity >"$dir/sts-get-caller-identity.json" || die "sts get-caller-identity failed: check credentials and endpoint"

# IAM is global. Without --filter the details include every AWS managed
# policy; parity keeps only those attached to something.
save "$dir/iam-get-account-authorization-details.json" iam get-account-authorization-details
save "$dir/iam-list-roles.json" iam list-roles
ids "$dir/iam-get-account-authorization-details.json" '.UserDetailList[]?.UserName' |
	save_items "$dir/iam-list-access-keys.json" iam list-access-keys --user-name '{}'
ids "$dir/iam-list-access-keys.json" '.[]?.AccessKeyMetadata[]?.AccessKeyId' |
	save_items "$dir/iam-get-access-key-last-used.json" iam get-access-key-last-used --access-key-id '{}'
save "$dir/iam-list-open-id-connect-providers.json" iam list-open-id-connect-providers
ids "$dir/iam-list-open-id-connect-providers.json" '.OpenIDConnectProviderList[]?.Arn' |
	save_items "$dir/iam-get-open-id-connect-provider.json" iam get-open-id-connect-provider --open-id-connect-provider-arn '{}'
save "$dir/iam-list-saml-providers.json" iam list-saml-providers

for region in "${regions[@]}"; do
	d=$dir/$region
	mkdir -p "$d"
	r=(--region "$region")

	save "$d/secretsmanager-list-secrets.json" secretsmanager list-secrets "${r[@]}"
	ids "$d/secretsmanager-list-secrets.json" '.SecretList[]?.ARN' |
		save_items "$d/secretsmanager-get-resource-policy.json" secretsmanager get-resource-policy --secret-id '{}' "${r[@]}"

	save "$d/ssm-describe-parameters.json" ssm describe-parameters "${r[@]}"

	save "$d/kms-list-keys.json" kms list-keys "${r[@]}"
	save "$d/kms-list-aliases.json" kms list-aliases "${r[@]}"
	ids "$d/kms-list-keys.json" '.Keys[]?.KeyId' |
		save_items "$d/kms-describe-key.json" kms describe-key --key-id '{}' "${r[@]}"
	customer='.[]? | select(.KeyMetadata.KeyManager != "AWS") | .KeyMetadata.KeyId'
	# AWS answers rotation status only for symmetric AWS_KMS keys not pending deletion.
	rotating='.[]? | .KeyMetadata | select(.KeyManager != "AWS" and (.KeySpec // "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT" and (.Origin // "AWS_KMS") == "AWS_KMS" and ((.KeyState // "") | startswith("Pending") | not)) | .KeyId'
	ids "$d/kms-describe-key.json" "$rotating" |
		save_items "$d/kms-get-key-rotation-status.json" kms get-key-rotation-status --key-id '{}' "${r[@]}"
	ids "$d/kms-describe-key.json" "$customer" |
		save_items "$d/kms-get-key-policy.json" kms get-key-policy --key-id '{}' --policy-name default "${r[@]}"
	ids "$d/kms-describe-key.json" "$customer" |
		save_items "$d/kms-list-resource-tags.json" kms list-resource-tags --key-id '{}' "${r[@]}"
	ids "$d/kms-describe-key.json" "$customer" |
		save_items "$d/kms-list-grants.json" kms list-grants --key-id '{}' "${r[@]}"

	save "$d/cloudtrail-describe-trails.json" cloudtrail describe-trails --no-include-shadow-trails "${r[@]}"
	home=".trailList[]? | select(.HomeRegion == \"$region\") | .Name"
	ids "$d/cloudtrail-describe-trails.json" "$home" |
		save_items "$d/cloudtrail-get-trail-status.json" cloudtrail get-trail-status --name '{}' "${r[@]}"
	ids "$d/cloudtrail-describe-trails.json" "$home" |
		save_items "$d/cloudtrail-get-event-selectors.json" cloudtrail get-event-selectors --trail-name '{}' "${r[@]}"

	save "$d/logs-describe-log-groups.json" logs describe-log-groups "${r[@]}"
	ids "$d/logs-describe-log-groups.json" '.logGroups[]?.logGroupName' |
		save_items "$d/logs-describe-subscription-filters.json" logs describe-subscription-filters --log-group-name '{}' "${r[@]}"
	save "$d/logs-describe-destinations.json" logs describe-destinations "${r[@]}"

	save "$d/ec2-describe-vpcs.json" ec2 describe-vpcs "${r[@]}"
	save "$d/ec2-describe-security-groups.json" ec2 describe-security-groups "${r[@]}"
	save "$d/ec2-describe-network-acls.json" ec2 describe-network-acls "${r[@]}"
	save "$d/ec2-describe-flow-logs.json" ec2 describe-flow-logs "${r[@]}"
done

# S3: the account's bucket names (who owns a log sink) and the policies of
# the owned buckets that trails and flow logs write to. No object is read.
save "$dir/s3api-list-buckets.json" s3api list-buckets
sinks() {
	[ -f "$dir/s3api-list-buckets.json" ] || return 0
	{
		cat "$dir"/*/cloudtrail-describe-trails.json 2>/dev/null | jq -r '.trailList[]?.S3BucketName // empty'
		cat "$dir"/*/ec2-describe-flow-logs.json 2>/dev/null |
			jq -r '.FlowLogs[]? | select(.LogDestinationType == "s3") | .LogDestination // empty | sub("^arn:[^:]*:s3:::"; "") | split("/")[0]'
	} | sort -u | while IFS= read -r b; do
		jq -e --arg b "$b" 'any(.Buckets[]?; .Name == $b)' "$dir/s3api-list-buckets.json" >/dev/null && echo "$b"
	done
}
# A bucket without a policy answers NoSuchBucketPolicy: an empty entry.
bucket_policies() {
	local out=$dir/s3api-get-bucket-policy.json sep="" b err
	err=$(mktemp)
	printf '{' >"$out.tmp"
	while IFS= read -r b; do
		printf '%s"%s":' "$sep" "$b" >>"$out.tmp"
		sep=","
		if awsj s3api get-bucket-policy --bucket "$b" >>"$out.tmp" 2>"$err"; then
			continue
		fi
		if grep -q NoSuchBucketPolicy "$err"; then
			printf '{}' >>"$out.tmp"
			continue
		fi
		cat "$err" >&2
		rm -f "$out.tmp" "$err"
		warn "aws s3api get-bucket-policy --bucket $b failed; $out left out"
		return 0
	done
	printf '}\n' >>"$out.tmp"
	rm -f "$err"
	mv "$out.tmp" "$out"
}
sinks | bucket_policies

echo "export-aws.sh: wrote $dir (${#regions[@]} region(s))" >&2
