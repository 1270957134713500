"""Generator parameters left in a file by image-generation tools, and software names that are generators.

Stable Diffusion web UIs write what made the picture into the file: AUTOMATIC1111 and Forge a `parameters`
text ("prompt / Negative prompt: ... / Steps: 20, Sampler: ..., Seed: ..., Model: ..."), ComfyUI its whole
graph as JSON (`prompt` and `workflow`), NovelAI a `Comment` JSON with `Software: NovelAI`, InvokeAI
`invokeai_metadata`, Fooocus and SwarmUI JSON in `parameters`. The same text shows up in JPEG comments and
EXIF UserComment when those tools save JPEGs.

Everything parsed here is **sensitive** (a prompt can be abusive or name the person): it is returned as
`parameters` and shown only when opened. What is shown by default is the generator's name and which fields
are present.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_RAW = 64 * 1024  # raw text kept as evidence, per block
_MAX_SETTINGS = 16 * 1024
_SETTING = re.compile(r'(?:^|,)\s*([A-Za-z][\w \-/]{0,40}?): ("(?:\\.|[^"\\])*"|[^,]*)')
_MAX_LIST = 16

# Names of image/video generators and face-swap tools as they appear in Software / CreatorTool / encoder
# tags. Matched case-insensitively on word boundaries; each pattern maps to the name we print.
_SOFTWARE = [
    (r"stable[\s_-]?diffusion", "Stable Diffusion"),
    (r"sdxl", "Stable Diffusion XL"),
    (r"novelai", "NovelAI"),
    (r"midjourney", "Midjourney"),
    (r"dall[\s·.-]?e", "DALL·E"),
    (r"comfyui", "ComfyUI"),
    (r"automatic1111|stable-diffusion-webui", "AUTOMATIC1111 web UI"),
    (r"invokeai", "InvokeAI"),
    (r"fooocus", "Fooocus"),
    (r"adobe firefly|firefly", "Adobe Firefly"),
    (r"imagen", "Google Imagen"),
    (r"gpt-4o|chatgpt|openai", "OpenAI"),
    (r"sora", "OpenAI Sora"),
    (r"runway(?:ml)?", "Runway"),
    (r"pika(?:\s?labs)?", "Pika"),
    (r"kling", "Kling"),
    (r"leonardo\.?ai", "Leonardo.Ai"),
    (r"ideogram", "Ideogram"),
    (r"deepfacelab", "DeepFaceLab"),
    (r"facefusion", "FaceFusion"),
    (r"faceswap", "Faceswap"),
    (r"simswap", "SimSwap"),
    (r"roop", "roop"),
    (r"dreamstudio", "DreamStudio"),
    (r"bing image creator", "Bing Image Creator"),
    (r"flux(?:\.1)?[\s-](?:dev|schnell|pro)", "FLUX"),
]
_SOFTWARE_RE = [(re.compile(rf"(?<![a-z0-9]){p}(?![a-z0-9])", re.IGNORECASE), name) for p, name in _SOFTWARE]

# PNG text keywords that hold generator parameters, and the tool that writes each.
PARAMETER_KEYS = {
    "parameters": "AUTOMATIC1111 / Forge web UI",
    "prompt": "ComfyUI",
    "workflow": "ComfyUI",
    "Comment": "NovelAI",
    "invokeai_metadata": "InvokeAI",
    "invokeai_graph": "InvokeAI",
    "sd-metadata": "InvokeAI",
    "Dream": "InvokeAI",
    "fooocus_scheme": "Fooocus",
    "generation_data": "generation tool",
}


def ai_software(text: str) -> str | None:
    """The generator a Software/CreatorTool/encoder value names, if it names one we know."""
    for pattern, name in _SOFTWARE_RE:
        if pattern.search(text[:4096]):
            return name
    return None


def looks_like_a1111(text: str) -> bool:
    return bool(re.search(r"(?m)^Steps: \d+, ", text)) and ("Sampler: " in text or "Seed: " in text)


def parse_a1111(text: str) -> dict[str, Any]:
    """AUTOMATIC1111/Forge 'parameters': prompt, negative prompt, then one line of 'Key: value, ...'."""
    lines = text.strip().split("\n")
    settings_at = next(
        (i for i in range(len(lines) - 1, -1, -1) if re.match(r"Steps: \d+, ", lines[i])), len(lines)
    )
    head, settings_line = lines[:settings_at], " ".join(lines[settings_at:])
    prompt: list[str] = []
    negative: list[str] = []
    target = prompt
    for line in head:
        if line.startswith("Negative prompt:"):
            target = negative
            line = line[len("Negative prompt:") :].lstrip()
        target.append(line)
    out: dict[str, Any] = {}
    if prompt:
        out["prompt"] = "\n".join(prompt).strip()
    if negative:
        out["negative_prompt"] = "\n".join(negative).strip()
    # Keys are short words; bounding them keeps the scan linear on a hostile line with no ": " in it.
    for key, value in _SETTING.findall(settings_line[:_MAX_SETTINGS]):
        name = {
            "Steps": "steps",
            "Sampler": "sampler",
            "CFG scale": "cfg_scale",
            "Seed": "seed",
            "Size": "size",
            "Model": "model",
            "Model hash": "model_hash",
            "Version": "version",
        }.get(key.strip())
        if name:
            out[name] = value.strip().strip('"')
    return out


def a1111_generator(fields: dict[str, Any]) -> str:
    version = str(fields.get("version", ""))
    if version.startswith("f"):
        return "Stable Diffusion WebUI Forge"
    return "AUTOMATIC1111 / Forge web UI"


def parse_json_text(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def parse_comfyui(prompt: Any, workflow: Any) -> dict[str, Any]:
    """Checkpoints, seeds, samplers, steps and prompt texts from a ComfyUI API graph (`prompt`); the
    `workflow` (the editor's layout) is kept raw only."""
    out: dict[str, list[Any]] = {"model": [], "seed": [], "sampler": [], "steps": [], "prompt": []}
    nodes = prompt.values() if isinstance(prompt, dict) else []
    for node in nodes:
        if not isinstance(node, dict) or not isinstance(node.get("inputs"), dict):
            continue
        inputs = node["inputs"]
        for key, target in (
            ("ckpt_name", "model"),
            ("unet_name", "model"),
            ("seed", "seed"),
            ("noise_seed", "seed"),
            ("sampler_name", "sampler"),
            ("steps", "steps"),
        ):
            value = inputs.get(key)
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                _add(out[target], value)
        text = inputs.get("text")
        if isinstance(text, str) and "CLIPTextEncode" in str(node.get("class_type", "")):
            _add(out["prompt"], text)
    if not any(out.values()) and isinstance(workflow, dict) and isinstance(workflow.get("nodes"), list):
        for node in workflow["nodes"][:10_000]:
            if isinstance(node, dict) and isinstance(node.get("widgets_values"), list):
                kind = str(node.get("type", ""))
                values = node["widgets_values"]
                if "CheckpointLoader" in kind and values and isinstance(values[0], str):
                    _add(out["model"], values[0])
                elif "CLIPTextEncode" in kind and values and isinstance(values[0], str):
                    _add(out["prompt"], values[0])
    return {k: v for k, v in out.items() if v}


def parse_novelai(comment: Any) -> dict[str, Any]:
    if not isinstance(comment, dict):
        return {}
    out: dict[str, Any] = {}
    for key, name in (
        ("prompt", "prompt"),
        ("uc", "negative_prompt"),
        ("seed", "seed"),
        ("sampler", "sampler"),
        ("steps", "steps"),
    ):
        if isinstance(comment.get(key), str | int | float):
            out[name] = comment[key]
    return out


def parse_generic_json(obj: Any) -> dict[str, Any]:
    """Fooocus, SwarmUI, InvokeAI: JSON objects with prompt/seed/model-like keys at some level."""
    if isinstance(obj, dict) and isinstance(obj.get("sui_image_params"), dict):
        obj = obj["sui_image_params"]
    if not isinstance(obj, dict):
        return {}
    out: dict[str, Any] = {}
    for keys, name in (
        (("prompt", "positive_prompt", "Prompt"), "prompt"),
        (("negative_prompt", "negativeprompt", "Negative prompt"), "negative_prompt"),
        (("seed", "Seed"), "seed"),
        (("sampler", "sampler_name", "scheduler"), "sampler"),
        (("steps", "Steps"), "steps"),
        (("model", "base_model", "Base Model", "model_name"), "model"),
    ):
        for key in keys:
            value = obj.get(key)
            if isinstance(value, dict):
                value = value.get("name") or value.get("model_name")
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                out[name] = value
                break
    return out


def raw_excerpt(text: str) -> tuple[str, bool]:
    """The raw text kept as evidence, capped; and whether it was cut."""
    if len(text) <= MAX_RAW:
        return text, False
    return text[:MAX_RAW], True


def _add(items: list[Any], value: Any) -> None:
    if value not in items and len(items) < _MAX_LIST:
        items.append(value[:MAX_RAW] if isinstance(value, str) else value)
