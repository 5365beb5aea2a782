"""``lvb-multilinear`` / ``lvb-thm6`` hypothesis failures are certified (``hypothesis-not-met``)."""

from __future__ import annotations

import copy

import pytest

from exactrelu import kernel
from exactrelu.core.instance import instance_from_mapping
from exactrelu.sweeps.statements import get


def inst(network, **data):
    return instance_from_mapping({"data": {"points": [[1, 0], [0, 1], [1, 1]], "targets": [1, -1, 1], **data},
                                  "network": network})


@pytest.mark.parametrize("name, instance, hypothesis", [
    ("lvb-multilinear", inst({"hidden": [2], "loss": "squared"}), "hinge-loss"),
    ("lvb-multilinear", inst({"hidden": [2], "loss": "hinge", "output": [1, -1]}), "trainable-output"),
    ("lvb-thm6", inst({"hidden": [3], "loss": "hinge"}, bias=True), "hidden"),
    ("lvb-thm6", inst({"hidden": [2], "loss": "hinge"}), "bias"),
    ("lvb-thm6", inst({"hidden": [2], "loss": "squared"}, bias=True), "hinge-loss"),
    ("lvb-thm6", instance_from_mapping({"data": {"points": [[1], [2]], "onehot": [[1, 0], [0, 1]], "bias": True},
                                        "network": {"hidden": [2], "loss": "hinge"}}), "binary-targets"),
])
def test_failed_hypothesis_certified(name, instance, hypothesis):
    v = get(name).check(instance, True)
    assert v.hypotheses is False and v.certificate["claim"]["hypothesis"] == hypothesis
    assert [c.kind for c in kernel.check_document(v.certificate)] == ["hypothesis-not-met"]
    assert kernel.check_document(v.certificate)[-1].statement.startswith(
        f"the instance does not meet the hypothesis '{hypothesis}'")


def test_binary_targets_rejected_on_binary_data():
    v = get("lvb-thm6").check(instance_from_mapping({"data": {"points": [[1], [2]], "onehot": [[1, 0], [0, 1]],
                                                               "bias": True},
                                                      "network": {"hidden": [2], "loss": "hinge"}}), True)
    bad = copy.deepcopy(v.certificate)
    bad["instance"]["data"].pop("onehot")
    bad["instance"]["data"]["targets"] = ["1", "-1"]
    with pytest.raises(kernel.Reject, match="meets the hypothesis 'binary-targets'"):
        kernel.check_document(bad)
    bad = copy.deepcopy(get("lvb-thm6").check(inst({"hidden": [3], "loss": "hinge"}, bias=True), True).certificate)
    bad["instance"]["network"]["hidden"] = [2]
    with pytest.raises(kernel.Reject, match="meets the hypothesis 'hidden'"):
        kernel.check_document(bad)
