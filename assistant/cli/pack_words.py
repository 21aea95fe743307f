"""What `assistant pack …` prints, in the reader's language (zh/en)."""

from __future__ import annotations

MESSAGES = {
    "valid": {"en": "{path}: ok — {id} {version} ({language}), {on} rules on{signed}",
              "zh": "{path}：有效 — {id} {version}（{language}），启用 {on} 条规则{signed}"},
    "signed_by": {"en": ", signed by key {kid}", "zh": "，签名密钥 {kid}"},
    "not_checked": {"en": ", signature NOT checked: {why}", "zh": "，签名未核对：{why}"},
    "verified": {"en": "{path}: ok — {id} {version}, signed by key {kid}",
                 "zh": "{path}：有效 — {id} {version}，签名密钥 {kid}"},
    "key_made": {"en": "key id {kid}\n  private (keep it secret, mode 0600): {private}\n"
                       "  public (install on agents' machines in the trusted-keys folder): "
                       "{public}",
                 "zh": "密钥编号 {kid}\n  私钥（请妥善保管，权限 0600）：{private}\n"
                       "  公钥（装到坐席电脑的受信任密钥目录）：{public}"},
    "signed": {"en": "signed {id} {version} with key {kid} → {out}",
               "zh": "已用密钥 {kid} 签名 {id} {version} → {out}"},
    "warning": {"en": "assistant: warning: {what}", "zh": "assistant：警告：{what}"},
    "source_raised": {"en": "{path}: version raised to {version} too (source and roll-out agree)",
                      "zh": "{path}：版本也已提高到 {version}（源文件与发布版本一致）"},
    "trusted": {"en": "trusted key {kid} → {file}", "zh": "已信任密钥 {kid} → {file}"},
    "managed": {"en": "managed folder {folder} → {file}", "zh": "受管目录 {folder} → {file}"},
}
