"""What the agent's app asks of the roll-out: under a policy with a managed folder, which
pack to use and what to tell the agent. Everything outside (site folder, data dir) can be
passed in, so tests and the settings window use the same path as the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.conduct.pack import Pack, default_pack_path, load_pack
from assistant.ground.notices import PackRefusal, PackRefusalKind
from assistant.rollout.keys import TrustedKeys
from assistant.rollout.managed import ManagedLoad, load_managed
from assistant.rollout.policy import Policy, load_policy
from assistant.rollout.site import pack_cache_dir


@dataclass(frozen=True)
class AgentPack:
    pack: Pack
    problem: str | None
    """The log's account of :attr:`notices` (English, full paths), or ``None``."""
    load: ManagedLoad
    notices: tuple[PackRefusal, ...] = ()
    """Why packs were refused or none could be accepted: front ends word these."""


def managed_pack(lang: str, policy: Policy | None = None, trusted: TrustedKeys | None = None,
                 cache_dir: Path | None = None) -> AgentPack | None:
    """The managed pack (``None`` when the policy manages no packs). With no good pack
    anywhere the default pack for ``lang`` is used, and ``problem`` says why."""
    policy = policy or load_policy()
    if not policy.managed:
        return None
    trusted = trusted or TrustedKeys.load()
    load = load_managed(policy.managed_folder, trusted, cache_dir or pack_cache_dir(),
                        policy.pack_id)
    problems = [p for p in (policy.problem, load.problem()) if p]
    notices = list(load.notices())
    if policy.problem:
        notices.insert(0, PackRefusal(PackRefusalKind.POLICY, str(policy.path or ""),
                                      message=policy.problem))
    if load.chosen is None and not trusted.keys:
        where = trusted.folder or "the trusted-keys folder"
        problems.append(f"no trusted signing key is installed in {where}; an administrator "
                        f"must copy the supervisor's .pub file there")
        notices.append(PackRefusal(PackRefusalKind.NO_KEY, str(trusted.folder or ""),
                                   message=problems[-1]))
    problems.extend(trusted.problems)
    notices.extend(PackRefusal(PackRefusalKind.KEYS, message=p) for p in trusted.problems)
    pack = load.chosen.pack if load.chosen else load_pack(default_pack_path(lang))
    return AgentPack(pack, "\n".join(problems) or None, load, tuple(notices))
