"""The ``exactrelu`` command line (:mod:`exactrelu.cli.main`) and its sub-commands (:mod:`exactrelu.cli.commands`)."""
