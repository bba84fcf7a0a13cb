"""Send integrity alerts: a Slack-style webhook message and/or an email, configured by
environment variables (nothing secret is written to a file).

LEADHUB_ALERT_WEBHOOK_URL   POST {"text": ...} (Slack incoming webhooks and compatible)
LEADHUB_ALERT_SMTP_HOST     SMTP server; with LEADHUB_ALERT_EMAIL_TO it enables email
LEADHUB_ALERT_SMTP_PORT     default 25
LEADHUB_ALERT_SMTP_USER / LEADHUB_ALERT_SMTP_PASSWORD   optional login
LEADHUB_ALERT_SMTP_STARTTLS "1" to require STARTTLS (it is used whenever the server offers it)
LEADHUB_ALERT_SMTP_PLAIN_LOGIN "1" to allow a login over a connection without TLS (refused
                            otherwise: the password would cross the network in clear)
LEADHUB_ALERT_EMAIL_FROM    default leadhub@localhost
LEADHUB_ALERT_EMAIL_TO      comma-separated recipients
"""

from __future__ import annotations

import json
import os
import smtplib
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage


@dataclass(frozen=True)
class AlertConfig:
    webhook_url: str | None
    smtp_host: str | None
    smtp_port: int
    smtp_user: str | None
    smtp_password: str | None
    smtp_starttls: bool
    smtp_plain_login: bool
    email_from: str
    email_to: tuple[str, ...]

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> AlertConfig:
        e = os.environ if env is None else env
        return cls(
            webhook_url=e.get("LEADHUB_ALERT_WEBHOOK_URL") or None,
            smtp_host=e.get("LEADHUB_ALERT_SMTP_HOST") or None,
            smtp_port=int(e.get("LEADHUB_ALERT_SMTP_PORT") or 25),
            smtp_user=e.get("LEADHUB_ALERT_SMTP_USER") or None,
            smtp_password=e.get("LEADHUB_ALERT_SMTP_PASSWORD") or None,
            smtp_starttls=e.get("LEADHUB_ALERT_SMTP_STARTTLS") == "1",
            smtp_plain_login=e.get("LEADHUB_ALERT_SMTP_PLAIN_LOGIN") == "1",
            email_from=e.get("LEADHUB_ALERT_EMAIL_FROM") or "leadhub@localhost",
            email_to=tuple(
                a.strip() for a in (e.get("LEADHUB_ALERT_EMAIL_TO") or "").split(",") if a.strip()
            ),
        )

    @property
    def channels(self) -> list[str]:
        out = []
        if self.webhook_url:
            out.append("webhook")
        if self.smtp_host and self.email_to:
            out.append("email")
        return out


def send_webhook(url: str, subject: str, lines: list[str], timeout: float = 10.0) -> None:
    body = json.dumps({"text": "\n".join([f"*{subject}*", *(f"• {line}" for line in lines)])}).encode()
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        if response.status >= 300:
            raise OSError(f"webhook answered HTTP {response.status}")


def send_email(config: AlertConfig, subject: str, lines: list[str], timeout: float = 10.0) -> None:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = config.email_from
    message["To"] = ", ".join(config.email_to)
    message.set_content("\n".join(lines) + "\n")
    assert config.smtp_host
    with smtplib.SMTP(config.smtp_host, config.smtp_port, timeout=timeout) as smtp:
        smtp.ehlo()
        encrypted = False
        if smtp.has_extn("starttls"):
            smtp.starttls()
            smtp.ehlo()
            encrypted = True
        elif config.smtp_starttls:
            raise OSError(
                f"SMTP server {config.smtp_host} does not offer STARTTLS (LEADHUB_ALERT_SMTP_STARTTLS=1)"
            )
        if config.smtp_user:
            if not encrypted and not config.smtp_plain_login:
                raise OSError(
                    f"refusing to send the SMTP password to {config.smtp_host} without TLS "
                    "(the server offers no STARTTLS; LEADHUB_ALERT_SMTP_PLAIN_LOGIN=1 allows it)"
                )
            smtp.login(config.smtp_user, config.smtp_password or "")
        smtp.send_message(message)


def send(config: AlertConfig, subject: str, lines: list[str]) -> list[str]:
    """Send on every configured channel; returns the channels used."""
    for channel in config.channels:
        if channel == "webhook":
            assert config.webhook_url
            send_webhook(config.webhook_url, subject, lines)
        else:
            send_email(config, subject, lines)
    return config.channels
