"""Where the articles and the index live, which encoder runs and how many passages to show.

Each folder is taken from the first of these that gives one:

1. the options ``--seeds`` / ``--index`` (or ``$QA_SEEDS`` / ``$QA_INDEX``);
2. ``$QA_HOME``: a folder holding ``articles/`` and ``index/``;
3. the config file (``config.toml`` in the user's config folder, see ``config_path``);
4. the project folder: started inside a checkout of qa (``seeds/`` beside its pyproject.toml),
   its ``seeds/`` and ``index/``, so the repository works as it always did;
5. the user's collection in the user's data folder, where the packaged seed article is copied
   on first run.

The encoder comes from ``$QA_ENCODER``, else the config file; ``k`` from ``-k``, else the
config file. No heavy import here: the CLI resolves settings before ``--help`` is even shown.
"""

from __future__ import annotations

import os
import shutil
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import QAError

APP_NAME = "qa"
CONFIG_FILE = "config.toml"
HOME_ENV = "QA_HOME"
ARTICLES, INDEX = "articles", "index"
DEFAULT_K = 5
MAX_K = 50
ENCODER_ALIASES = {"onnx": "onnx-fp32"}  # the short name the docs use for the default backend
CONFIG_KEYS = {"articles": str, "index": str, "encoder": str, "k": int}
TYPE_NAMES = {str: "quoted text", int: "whole number"}


class ConfigError(QAError):
    pass


@dataclass(frozen=True)
class Settings:
    articles: Path
    index: Path
    encoder: str | None = None  # None: $QA_ENCODER or the default backend
    k: int = DEFAULT_K
    origins: dict[str, str] = field(default_factory=dict)  # setting -> where it came from

    @property
    def is_user_collection(self) -> bool:
        return self.origins.get(ARTICLES) == "user data folder"


def user_data_dir() -> Path:
    from platformdirs import user_data_dir as data_dir

    return Path(data_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / CONFIG_FILE


def read_config(path: Path) -> dict[str, Any]:
    """The config file's settings (checked), paths made absolute; {} when there is none."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise ConfigError(f"cannot read the config file {path}: {error.strerror or error}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"the config file {path} is not valid TOML ({error})") from None
    for key, value in data.items():
        wanted = CONFIG_KEYS.get(key)
        if wanted is None:
            known = ", ".join(CONFIG_KEYS)
            raise ConfigError(f"the config file {path} has an unknown setting {key!r} (known: {known})")
        if type(value) is not wanted:
            raise ConfigError(f"the config file {path}: {key} must be a {TYPE_NAMES[wanted]}")
    for key in (ARTICLES, INDEX):
        if key in data:  # relative to the config file's folder, like any file it names
            data[key] = path.parent / Path(data[key]).expanduser()
    if "encoder" in data:
        data["encoder"] = checked_encoder(data["encoder"], f"the config file {path}")
    if "k" in data and not 1 <= data["k"] <= MAX_K:
        raise ConfigError(f"the config file {path}: k must be between 1 and {MAX_K}")
    return data


def checked_encoder(name: str, where: str) -> str:
    from .embedding import BACKENDS

    backend = ENCODER_ALIASES.get(name, name)
    if backend not in BACKENDS:
        choices = ", ".join(sorted({*BACKENDS, *ENCODER_ALIASES}))
        raise ConfigError(f"{where}: unknown encoder {name!r} (use one of {choices})")
    return backend


def project_folder(cwd: Path) -> Path | None:
    """``cwd`` when it is a checkout of qa: a ``seeds/`` folder beside qa's pyproject.toml."""
    try:
        if not (cwd / "seeds").is_dir():
            return None
        project = tomllib.loads((cwd / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return cwd if project.get("project", {}).get("name") == APP_NAME else None


def resolve(seeds: Path | None = None, index: Path | None = None, k: int | None = None,
            cwd: Path | None = None) -> Settings:
    """The settings from the options given (None: not given), the environment and the config."""
    config = read_config(config_path())
    home = os.environ.get(HOME_ENV)
    project = project_folder(cwd or Path.cwd())
    origins: dict[str, str] = {}

    def folder(option: Path | None, name: str, project_name: str) -> Path:
        choices = (
            (option, "option"),
            (home and Path(home).expanduser() / name, f"${HOME_ENV}"),
            (config.get(name), f"config file {config_path()}"),
            (project and project / project_name, "project folder"),
            (user_data_dir() / name, "user data folder"),
        )
        path, origins[name] = next((Path(p), origin) for p, origin in choices if p)
        return path

    articles = folder(seeds, ARTICLES, "seeds")
    index_dir = folder(index, INDEX, "index")
    encoder = os.environ.get("QA_ENCODER") or config.get("encoder")
    return Settings(articles=articles, index=index_dir, encoder=encoder,
                    k=k if k is not None else config.get("k", DEFAULT_K), origins=origins)


def prepare_collection(settings: Settings) -> None:
    """On first run, the user's collection starts with the packaged seed articles."""
    if not settings.is_user_collection or settings.articles.exists():
        return
    staging = settings.articles.with_name(settings.articles.name + ".new")
    try:
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        for seed in packaged_seeds():
            (staging / seed.name).write_bytes(seed.read_bytes())
        staging.rename(settings.articles)  # whole or not at all, so a crash never half-seeds it
    except OSError as error:
        if settings.articles.is_dir():  # another qa seeded it at the same moment
            return
        raise QAError(f"cannot create the articles folder {settings.articles}: "
                      f"{error.strerror or error}") from None


def packaged_seeds() -> list[Any]:
    folder = resources.files("qa") / "data" / "seeds"
    return sorted((f for f in folder.iterdir() if f.name.endswith((".txt", ".md", ".jsonl"))),
                  key=lambda f: f.name)
