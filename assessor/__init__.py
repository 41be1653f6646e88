"""Assessment engine for Samen Opleiden aspirant-opleidingsschool dossiers.

extract (assessor.extract) -> Document -> engine (assessor.engine, with a rubric) ->
Report (assessor.result) -> renderers (assessor.render).
"""

__version__ = "0.1.0"
